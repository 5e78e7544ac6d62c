using Confluent.Kafka;
using TradeSentinel.Core;
using TradeSentinel.Core.Validation;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Streaming;

namespace TradeSentinel.Alerting;

/// <summary>
/// The alert ids already on the alert topic, read from its tail when an alerter starts and after
/// an aborted transaction; the ids that re-read fills decide again and that the topic already shows
/// are not produced again (the Redis claim does not stop them: the deciding trade re-claims its own id).
/// <para>
/// It is needed only on the dev broker (librdkafka's mock cluster), which has two gaps: it accepts
/// the offsets sent in a transaction without storing them, so a restarted alerter resumes from the
/// plain commit that follows each transaction (a crash between the two re-reads fills whose
/// recommendations are committed); and it shows aborted records to read_committed readers. On a real
/// cluster the transaction alone gives exactly once, and this finds nothing the re-read would produce.
/// The tail is counted in records, not time: the dev broker cannot look offsets up by timestamp.
/// </para>
/// </summary>
public static class DeliveredAlerts
{
    /// <summary>Recommendations are rare (tens a day): far more than a restart can re-process.</summary>
    public const int TailPerPartition = 10_000;

    /// <param name="undecodable">Told of each record of the tail that is no recommendation (it is skipped).</param>
    public static HashSet<string> Recent(KafkaClients kafka, Action<Rejection, string, byte[]?>? undecodable = null)
    {
        var topic = kafka.Options.Topics.Alerts;
        var config = kafka.Consumer($"alerter-recovery.{Guid.NewGuid():N}");
        config.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<string?, byte[]>(config).Build();
        var ends = new Dictionary<TopicPartition, long>();
        var starts = new List<TopicPartitionOffset>();
        for (var p = 0; p < TopicProvisioner.PartitionCount(kafka, topic); p++)
        {
            var partition = new TopicPartition(topic, p);
            var marks = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(30));
            if (marks.High.Value <= marks.Low.Value) continue;
            ends[partition] = marks.High.Value;
            starts.Add(new TopicPartitionOffset(partition, Math.Max(marks.Low.Value, marks.High.Value - TailPerPartition)));
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (starts.Count == 0) return ids;
        consumer.Assign(starts);
        var open = ends.Keys.ToHashSet();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (open.Count > 0 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } record)
            {
                if (RecommendationRecord.TryRead(record.Message.Value, out var alert, out var rejection))
                    ids.Add(alert.AlertId);
                else
                    undecodable?.Invoke(rejection, RecordOrigin.Offset(topic, record.Partition.Value, record.Offset.Value).ToString(), record.Message.Value);
            }
            foreach (var partition in open.ToList())
                if (consumer.Position(partition) is var at && at != Offset.Unset && at.Value >= ends[partition]) open.Remove(partition);
        }
        consumer.Close();
        return ids;
    }
}
