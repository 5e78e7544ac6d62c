using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using TradeSentinel.Core;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Core.Validation;
using TradeSentinel.Infrastructure.Kafka;

namespace TradeSentinel.Infrastructure.Streaming;

/// <summary>Sends a refused record, with its reason, to the dead-letter topic and counts it.</summary>
public sealed class DeadLetterWriter(IProducer<string?, byte[]> producer, DeliveryWatch deliveries, StageContext context, string stage)
{
    public void Write(Rejection rejection, string source, ReadOnlySpan<byte> raw)
    {
        var letter = new DeadLetter
        {
            Reason = rejection.Reason,
            Detail = rejection.Detail,
            Source = source,
            Raw = Encoding.UTF8.GetString(raw[..Math.Min(raw.Length, DeadLetter.MaxRawChars)]),
        };
        producer.ProduceOrWait(context.Topics.DeadLetters, new Message<string?, byte[]>
        {
            Key = rejection.Reason,
            Value = JsonSerializer.SerializeToUtf8Bytes(letter, SentinelJson.Default.DeadLetter),
        }, deliveries);
        context.Metrics.DeadLetters.Add(1, new TagList { { "stage", stage }, { "reason", rejection.Reason } });
    }
}
