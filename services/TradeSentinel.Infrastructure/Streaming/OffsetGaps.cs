using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using TradeSentinel.Infrastructure.Telemetry;

namespace TradeSentinel.Infrastructure.Streaming;

/// <summary>
/// Notices records deleted before a stage read them: the topic's retention (or the dev broker's few
/// megabytes per partition) dropped them while the stage lagged, and the consumer's offset reset
/// jumped over them. The stages' input topics have no gaps of their own (no compaction, no
/// transaction markers), so a record further on than the next expected offset is such a loss: logged
/// as critical with the number of records, and counted in <c>sentinel_records_skipped_total</c>
/// (an alert rule watches it). Reading goes on, so the stage keeps protecting what comes next.
/// </summary>
public sealed class OffsetGaps(string stage, string topic, SentinelMetrics metrics, ILogger logger)
{
    private readonly Dictionary<int, long> _expected = [];

    /// <summary>Where each newly assigned partition should resume: its committed offset, if it has one.</summary>
    public void Assigned(IConsumer<string?, byte[]> consumer, IEnumerable<TopicPartition> partitions)
    {
        List<TopicPartitionOffset> committed;
        try
        {
            committed = consumer.Committed(partitions, TimeSpan.FromSeconds(30));
        }
        catch (KafkaException e)
        {
            // The coordinator is busy (a rebalance, a broker restarting): this assignment goes unwatched rather than the stage down.
            logger.LogWarning("{Stage}: committed offsets of {Topic} unknown ({Reason}); a gap at this assignment would go unnoticed", stage, topic, e.Error.Reason);
            foreach (var partition in partitions) _expected.Remove(partition.Partition.Value);
            return;
        }
        foreach (var offset in committed)
            if (offset.Offset.Value >= 0) _expected[offset.Partition.Value] = offset.Offset.Value;
            else _expected.Remove(offset.Partition.Value);
    }

    public void Revoked(int partition) => _expected.Remove(partition);

    /// <summary>Called with every record read, in order per partition.</summary>
    public void Read(int partition, long offset)
    {
        if (_expected.TryGetValue(partition, out var expected) && offset > expected)
        {
            var skipped = offset - expected;
            metrics.RecordsSkipped.Add(skipped, new System.Diagnostics.TagList { { "stage", stage }, { "topic", topic } });
            logger.LogCritical(
                "{Stage}: records {From} to {To} of {Topic} [{Partition}] were deleted before they were read ({Skipped} records lost to detection: the stage fell behind the topic's retention)",
                stage, expected, offset - 1, topic, partition, skipped);
        }
        _expected[partition] = offset + 1;
    }
}
