using TradeSentinel.Ingest;

namespace TradeSentinel.Tools.Replay;

/// <summary>
/// Keeps a replay's producer from running further ahead of the last stage than the embedded
/// broker can hold (it keeps ~5 MB per partition; a consumer further behind loses data). Only an
/// in-process replay registers one; services on a real cluster need none.
/// <para>
/// It counts only fills the pipeline can already finish: those of trades older than the last
/// watermark ingest sent. Trades within the allowed lateness wait in the stages' memory for newer
/// trades to arrive; counting them would stop ingest from sending those newer trades, and a feed
/// dense enough to put more than the limit within the lateness would never finish.
/// </para>
/// </summary>
public sealed class InFlightLimiter(int maxFillsInFlight) : IIngestObserver
{
    private readonly PriorityQueue<long, long> _waiting = new();
    private long _releasable;
    private long _completed;

    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Called by the ingest worker before producing a trade (two fills).</summary>
    public void BeforeProduce(CancellationToken cancel)
    {
        while (Interlocked.Read(ref _releasable) - Interlocked.Read(ref _completed) > maxFillsInFlight)
        {
            cancel.ThrowIfCancellationRequested();
            Thread.Sleep(1);
        }
    }

    /// <summary>Called by the ingest worker after producing a trade with event time <paramref name="ts"/>.</summary>
    public void Produced(long ts) => _waiting.Enqueue(ts, ts);

    /// <summary>Called by the ingest worker when it sends a watermark: trades before it can now be finished.</summary>
    public void WatermarkSent(long watermark)
    {
        var released = 0L;
        while (_waiting.TryPeek(out var ts, out _) && ts < watermark)
        {
            _waiting.Dequeue();
            released += 2;
        }
        Interlocked.Add(ref _releasable, released);
    }

    /// <summary>Called when the last stage has fully handled fills.</summary>
    public void Complete(int fills) => Interlocked.Add(ref _completed, fills);
}
