using Confluent.Kafka;
using TradeSentinel.Infrastructure.Telemetry;

namespace TradeSentinel.Infrastructure.Streaming;

/// <summary>Publishes a consumer's lag per assigned partition, from the high watermark its last fetch saw.</summary>
public static class ConsumerLag
{
    public static void Report<TKey, TValue>(IConsumer<TKey, TValue> consumer, string stage, SentinelMetrics metrics)
    {
        foreach (var tp in consumer.Assignment)
        {
            var high = consumer.GetWatermarkOffsets(tp).High;
            var position = consumer.Position(tp);
            // Both are unknown until the partition's first fetch returns.
            if (high == Offset.Unset || position == Offset.Unset) continue;
            metrics.SetLag(stage, tp.Topic, tp.Partition.Value, Math.Max(0, high.Value - position.Value));
        }
    }
}
