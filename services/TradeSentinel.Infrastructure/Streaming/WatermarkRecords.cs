using System.Text.Json;
using Confluent.Kafka;
using TradeSentinel.Core;
using TradeSentinel.Core.EventTime;
using TradeSentinel.Core.Validation;
using TradeSentinel.Infrastructure.Kafka;

namespace TradeSentinel.Infrastructure.Streaming;

/// <summary>How watermarks travel in-band on a topic: a header marks them, the value says the promise.</summary>
public static class WatermarkRecords
{
    private static readonly byte[] Marker = [1];

    /// <summary>Most sources one topic can have: a promise claiming more would hold its partition back for good.</summary>
    public const int MaxSources = 4096;

    /// <summary>
    /// True when the record is marked as a watermark; <paramref name="mark"/> is then its promise, or
    /// null when the value is no valid promise (damaged, or written by something else).
    /// </summary>
    public static bool TryRead(ConsumeResult<string?, byte[]> record, out Watermark? mark)
    {
        mark = null;
        if (record.Message.Headers is null || !record.Message.Headers.TryGetLastBytes(Watermark.Header, out _)) return false;
        if (JsonRecord.TryRead(record.Message.Value, SentinelJson.Default.Watermark, out var read, out _)
            && read.Sources is > 0 and <= MaxSources && read.Source >= 0 && read.Source < read.Sources)
            mark = read;
        return true;
    }

    /// <summary>Puts the promise on every partition of <paramref name="topic"/>, once per upstream source.</summary>
    public static void Broadcast(IProducer<string?, byte[]> producer, DeliveryWatch deliveries, string topic, int partitions, IEnumerable<int> sources, int sourceCount, long value)
    {
        foreach (var source in sources)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(new Watermark(value, source, sourceCount), SentinelJson.Default.Watermark);
            for (var p = 0; p < partitions; p++)
            {
                var message = new Message<string?, byte[]> { Value = bytes, Headers = [new Header(Watermark.Header, Marker)] };
                producer.ProduceOrWait(new TopicPartition(topic, p), message, deliveries);
            }
        }
    }
}
