using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace TradeSentinel.Infrastructure.Kafka;

/// <summary>Creates the pipeline's topics that do not exist yet, and reads topic sizes.</summary>
public static class TopicProvisioner
{
    /// <summary>Creates missing topics; existing ones (e.g. made by the embedded broker, which has no CreateTopics) are left alone.</summary>
    public static async Task EnsureAsync(KafkaClients clients)
    {
        var options = clients.Options;
        using var admin = new AdminClientBuilder(clients.Admin()).Build();
        var existing = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics
            .Where(t => t.Error.Code == ErrorCode.NoError).Select(t => t.Topic).ToHashSet();
        var missing = options.Topics.All.Where(t => !existing.Contains(t)).ToList();
        if (missing.Count == 0) return;
        var specs = missing.Select(name => new TopicSpecification
        {
            Name = name,
            NumPartitions = options.Partitions,
            ReplicationFactor = options.ReplicationFactor,
            Configs = options.Topics.Compacted.Contains(name) ? new() { ["cleanup.policy"] = "compact" } : null,
        }).ToList();
        try
        {
            await admin.CreateTopicsAsync(specs);
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
        }
    }

    /// <summary>How many partitions a topic has, from the cluster's metadata.</summary>
    public static int PartitionCount(KafkaClients clients, string topic)
    {
        using var admin = new AdminClientBuilder(clients.Admin()).Build();
        for (var attempt = 0; ; attempt++)
        {
            var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
            var t = metadata.Topics.Single();
            if (t.Error.Code == ErrorCode.NoError && t.Partitions.Count > 0) return t.Partitions.Count;
            if (attempt == 20) throw new KafkaException(t.Error);
            Thread.Sleep(250);
        }
    }
}
