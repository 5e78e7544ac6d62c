using System.Text.Json;
using Confluent.Kafka;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Core;
using TradeSentinel.Core.EventTime;

namespace TradeSentinel.Infrastructure.Streaming;

/// <summary>How watermarks travel in-band on a topic: a header marks them, the value says the promise.</summary>
public static class WatermarkRecords
{
    private static readonly byte[] Marker = [1];

    public static bool TryRead(ConsumeResult<string?, byte[]> record, out Watermark mark)
    {
        mark = null!;
        if (record.Message.Headers is null || !record.Message.Headers.TryGetLastBytes(Watermark.Header, out _)) return false;
        mark = JsonSerializer.Deserialize(record.Message.Value, SentinelJson.Default.Watermark)!;
        return true;
    }

    /// <summary>Puts the promise on every partition of <paramref name="topic"/>, once per upstream source.</summary>
    public static void Broadcast(IProducer<string?, byte[]> producer, string topic, int partitions, IEnumerable<int> sources, int sourceCount, long value)
    {
        foreach (var source in sources)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(new Watermark(value, source, sourceCount), SentinelJson.Default.Watermark);
            for (var p = 0; p < partitions; p++)
            {
                var message = new Message<string?, byte[]> { Value = bytes, Headers = [new Header(Watermark.Header, Marker)] };
                producer.ProduceOrWait(new TopicPartition(topic, p), message);
            }
        }
    }
}
