using System.ComponentModel.DataAnnotations;
namespace TradeSentinel.Infrastructure.Kafka;

/// <summary>
/// Configuration section <c>Kafka</c>. With no <see cref="BootstrapServers"/> the process starts
/// the embedded development broker (librdkafka's in-memory mock cluster).
/// </summary>
public sealed class KafkaOptions
{
    public const string Section = "Kafka";

    public string? BootstrapServers { get; set; }

    /// <summary><c>plaintext</c>, <c>ssl</c>, <c>sasl_plaintext</c> or <c>sasl_ssl</c>.</summary>
    public string? SecurityProtocol { get; set; }

    /// <summary><c>PLAIN</c>, <c>SCRAM-SHA-256</c> or <c>SCRAM-SHA-512</c>.</summary>
    public string? SaslMechanism { get; set; }
    public string? SaslUsername { get; set; }
    public string? SaslPassword { get; set; }

    /// <summary>A file holding the SASL password (a mounted secret), used when <see cref="SaslPassword"/> is unset.</summary>
    public string? SaslPasswordFile { get; set; }
    public string? SslCaLocation { get; set; }

    /// <summary>Partitions of each topic the project creates.</summary>
    [Range(1, 10_000)]
    public int Partitions { get; set; } = 6;

    /// <summary>Replication of each topic the project creates on a real cluster (the embedded one has 3 brokers).</summary>
    [Range(1, 100)]
    public short ReplicationFactor { get; set; } = 3;

    /// <summary>
    /// How long a crashed consumer keeps its partitions before the group hands them to another
    /// instance (or to itself, restarted): the failover time after a SIGKILL.
    /// </summary>
    [Range(1_000, 3_600_000)]
    public int SessionTimeoutMs { get; set; } = 10_000;

    /// <summary>
    /// This instance's stable name (default: the host name), for the alerter's transactional id:
    /// unique among running instances, the same across a restart (e.g. a StatefulSet pod name).
    /// </summary>
    public string? InstanceId { get; set; }

    /// <summary>
    /// The longest a consumer's fetch waits for data. A real broker answers as soon as data
    /// arrives, so this only paces idle polling; the embedded broker (librdkafka's mock) holds an
    /// empty fetch for the whole wait, so a dev pipeline runs with 2 ms: each hop would otherwise
    /// add up to this much latency.
    /// </summary>
    [Range(0, 60_000)]
    public int FetchWaitMaxMs { get; set; } = 20;

    /// <summary>Consumer groups are named <c>{GroupPrefix}.{stage}</c>.</summary>
    [Required, RegularExpression("^[A-Za-z0-9._-]{1,100}$", ErrorMessage = "GroupPrefix: letters, digits, dot, underscore or dash")]
    public string GroupPrefix { get; set; } = "sentinel";

    public TopicNames Topics { get; set; } = new();
}
