using System.Text.Json;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Infrastructure.Kafka;

namespace TradeSentinel.Tools.Shadow;

/// <summary>The configured cluster's side of a shadow comparison: the diff published, the runs' own topics removed.</summary>
public static class ShadowTopic
{
    /// <summary>
    /// Produces the diff to the compacted shadow topic keyed by the candidate's version, so the console
    /// keeps the latest comparison per candidate.
    /// </summary>
    public static async Task PublishAsync(KafkaClients clients, ShadowDiff diff)
    {
        await TopicProvisioner.EnsureAsync(clients);
        using var producer = new ProducerBuilder<string?, byte[]>(clients.Producer($"{clients.Options.GroupPrefix}.shadow")).Build();
        var value = JsonSerializer.SerializeToUtf8Bytes(diff, SentinelJson.Default.ShadowDiff);
        await producer.ProduceAsync(clients.Options.Topics.Shadow, new Message<string?, byte[]> { Key = diff.CandidateModelVersion, Value = value });
        producer.Flush(TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Deletes the topics of the isolated runs (they are scratch space); a broker that refuses (no
    /// delete permission, or the embedded one) leaves them, which costs only their retention.
    /// </summary>
    public static async Task<bool> TryDeleteAsync(KafkaClients clients, IEnumerable<string> topics)
    {
        using var admin = new AdminClientBuilder(clients.Admin()).Build();
        try
        {
            await admin.DeleteTopicsAsync(topics, new DeleteTopicsOptions { OperationTimeout = TimeSpan.FromSeconds(30) });
            return true;
        }
        catch (KafkaException)
        {
            return false;
        }
    }
}
