using Confluent.Kafka;
using Microsoft.Extensions.Options;
using TradeSentinel.Infrastructure.Hosting;

namespace TradeSentinel.Infrastructure.Kafka;

/// <summary>The one place that turns <see cref="KafkaOptions"/> into client configurations.</summary>
public sealed class KafkaClients(IOptions<KafkaOptions> options)
{
    public KafkaOptions Options { get; } = options.Value;

    public ProducerConfig Producer(string clientId) => Secure(new ProducerConfig
    {
        BootstrapServers = Bootstrap,
        ClientId = clientId,
        // Idempotence keeps per-partition order and drops broker-side duplicates on retry: the
        // in-band watermarks rely on that order.
        EnableIdempotence = true,
        Acks = Acks.All,
        LingerMs = 5,
        BatchSize = 1_000_000,
        QueueBufferingMaxMessages = 500_000,
        MessageTimeoutMs = 0, // retry until delivered: a broker outage delays, never drops
        // Delivery reports are read for their outcome only (DeliveryWatch): not copying key and value back saves work per record.
        DeliveryReportFields = "status",
    });

    public ConsumerConfig Consumer(string stage) => Secure(new ConsumerConfig
    {
        BootstrapServers = Bootstrap,
        GroupId = $"{Options.GroupPrefix}.{stage}",
        ClientId = $"{Options.GroupPrefix}.{stage}",
        AutoOffsetReset = AutoOffsetReset.Earliest,
        // At least once: an offset is stored only after its outputs were delivered.
        EnableAutoCommit = true,
        EnableAutoOffsetStore = false,
        AutoCommitIntervalMs = 1000,
        SessionTimeoutMs = Options.SessionTimeoutMs,
        HeartbeatIntervalMs = Math.Max(500, Options.SessionTimeoutMs / 5),
        FetchWaitMaxMs = Options.FetchWaitMaxMs,
    });

    public AdminClientConfig Admin() => Secure(new AdminClientConfig { BootstrapServers = Bootstrap });

    private string Bootstrap => Options.BootstrapServers
        ?? throw new InvalidOperationException("Kafka:BootstrapServers is not set and no embedded broker was started.");

    private T Secure<T>(T config) where T : ClientConfig
    {
        if (Options.SecurityProtocol is { } protocol)
            config.SecurityProtocol = Enum.Parse<SecurityProtocol>(protocol.Replace("_", ""), ignoreCase: true);
        if (Options.SaslMechanism is { } mechanism)
            config.SaslMechanism = Enum.Parse<SaslMechanism>(mechanism.Replace("-", ""), ignoreCase: true);
        config.SaslUsername = Options.SaslUsername;
        config.SaslPassword = SecretSetting.Read(Options.SaslPassword, Options.SaslPasswordFile);
        config.SslCaLocation = Options.SslCaLocation;
        return config;
    }
}
