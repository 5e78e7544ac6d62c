namespace TradeSentinel.Ingest;

/// <summary>
/// What an ingest worker tells whoever drives it. A service has nobody listening; a replay holds
/// ingest back (<see cref="BeforeProduce"/> blocks) while the pipeline behind it is too far behind.
/// </summary>
public interface IIngestObserver
{
    /// <summary>Before a valid trade is produced: may wait.</summary>
    void BeforeProduce(CancellationToken cancel);

    /// <summary>A trade with event time <paramref name="ts"/> was produced.</summary>
    void Produced(long ts);

    /// <summary>A watermark was sent: trades before it can now be finished by the stages.</summary>
    void WatermarkSent(long watermark);
}
