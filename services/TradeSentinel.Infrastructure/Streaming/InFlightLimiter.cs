namespace TradeSentinel.Infrastructure.Streaming;

/// <summary>
/// Keeps a replay's producer from running further ahead of the last stage than the embedded
/// broker can hold (it keeps ~5 MB per partition; a consumer further behind loses data). Only an
/// in-process replay registers one; services on a real cluster need none.
/// </summary>
public sealed class InFlightLimiter(int maxFillsInFlight)
{
    private long _admitted;
    private long _completed;

    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Called by the ingest worker before producing a trade (two fills).</summary>
    public void Admit(CancellationToken cancel)
    {
        _admitted += 2;
        while (_admitted - Interlocked.Read(ref _completed) > maxFillsInFlight)
        {
            cancel.ThrowIfCancellationRequested();
            Thread.Sleep(1);
        }
    }

    /// <summary>Called by the last stage when it has fully handled fills.</summary>
    public void Complete(int fills) => Interlocked.Add(ref _completed, fills);
}
