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
    private Error? _first;
    private string? _firstTopic;

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
        if (!report.Error.IsError) return;
        _metrics.ProduceErrors.Add(1, new System.Diagnostics.TagList { { "stage", _stage }, { "code", report.Error.Code.ToString() } });
        if (Interlocked.CompareExchange(ref _first, report.Error, null) is null) _firstTopic = report.Topic;
    }

    /// <summary>Call after a flush, before offsets move: throws if any record was refused.</summary>
    public void ThrowIfRefused()
    {
        if (_first is { } error)
            throw new KafkaException(new Error(error.Code,
                $"{_stage}: the broker refused a record for {_firstTopic} ({error.Code}: {error.Reason}); input offsets were not moved, so a restart produces it again once the topic accepts it"));
    }
}
