using System.Text.Json;
using Confluent.Kafka;
using TradeSentinel.Core;
using TradeSentinel.Infrastructure.Kafka;

namespace TradeSentinel.Alerting;

/// <summary>
/// The alert ids already on the alert topic, read from its recent tail when an alerter starts. A
/// restarted alerter re-processes the fills after its last committed offset; the ids they decide
/// that are already on the topic are not produced again. With a real Kafka cluster the alerter's
/// transactions alone give this (read_committed hides an aborted attempt); the dev broker does not
/// store offsets committed inside a transaction, and this keeps the guarantee there too.
/// </summary>
public static class DeliveredAlerts
{
    public static HashSet<string> Since(KafkaClients kafka, DateTimeOffset since)
    {
        var topic = kafka.Options.Topics.Alerts;
        var config = kafka.Consumer($"alerter-recovery.{Guid.NewGuid():N}");
        config.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<string?, byte[]>(config).Build();
        var partitions = Enumerable.Range(0, TopicProvisioner.PartitionCount(kafka, topic))
            .Select(p => new TopicPartitionTimestamp(topic, p, new Timestamp(since.UtcDateTime))).ToList();
        var starts = consumer.OffsetsForTimes(partitions, TimeSpan.FromSeconds(30));
        var ends = starts.ToDictionary(s => s.TopicPartition, s => consumer.QueryWatermarkOffsets(s.TopicPartition, TimeSpan.FromSeconds(30)).High);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var reading = starts.Where(s => s.Offset != Offset.End && s.Offset.Value >= 0 && s.Offset < ends[s.TopicPartition]).ToList();
        if (reading.Count == 0) return ids;
        consumer.Assign(reading);
        var open = reading.Select(s => s.TopicPartition).ToHashSet();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (open.Count > 0 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { } record) continue;
            if (!record.IsPartitionEOF && JsonSerializer.Deserialize(record.Message.Value, SentinelJson.Default.FreezeRecommendation) is { } alert)
                ids.Add(alert.AlertId);
            if (consumer.Position(record.TopicPartition) >= ends[record.TopicPartition]) open.Remove(record.TopicPartition);
        }
        consumer.Close();
        return ids;
    }
}
