using Confluent.Kafka;
using TradeSentinel.Infrastructure.Telemetry;

namespace TradeSentinel.Infrastructure.Kafka;

/// <summary>
/// Watches one producer's deliveries. Producers retry until delivered (no message timeout), so
/// a failed delivery is one the broker refused for good (record too large for the topic, not
/// authorised, invalid): it is counted, and the stage stops at its next checkpoint, before the
/// input offsets that produced it move, so a restart produces it again once the cause is fixed.
/// </summary>
public sealed class DeliveryWatch
{
    private readonly SentinelMetrics _metrics;
    private readonly string _stage;
    private Refusal? _first;

    private sealed record Refusal(Error Error, string Topic);

    public DeliveryWatch(SentinelMetrics metrics, string stage)
    {
        _metrics = metrics;
        _stage = stage;
        OnDelivery = Observe; // one delegate for every record
    }

    /// <summary>Handed to every <c>Produce</c> of the producer.</summary>
    public Action<DeliveryReport<string?, byte[]>> OnDelivery { get; }

    private void Observe(DeliveryReport<string?, byte[]> report)
    {
        // A purge (an aborted transaction's queued records, a producer closing) is no refusal: those records are produced again.
        if (!report.Error.IsError || report.Error.Code is ErrorCode.Local_PurgeQueue or ErrorCode.Local_PurgeInflight) return;
        _metrics.ProduceErrors.Add(1, new System.Diagnostics.TagList { { "stage", _stage }, { "code", report.Error.Code.ToString() } });
        Interlocked.CompareExchange(ref _first, new Refusal(report.Error, report.Topic), null);
    }

    /// <summary>Call after a flush, before offsets move: throws if any record was refused.</summary>
    public void ThrowIfRefused()
    {
        if (_first is { } first)
            throw new KafkaException(new Error(first.Error.Code,
                $"{_stage}: the broker refused a record for {first.Topic} ({first.Error.Code}: {first.Error.Reason}); input offsets were not moved, so a restart produces it again once the topic accepts it"));
    }

    /// <summary>After an aborted transaction: its records are produced again from re-read input, so what was refused in it is moot.</summary>
    public void Reset() => Interlocked.Exchange(ref _first, null);
}
