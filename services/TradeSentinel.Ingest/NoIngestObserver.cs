namespace TradeSentinel.Ingest;

/// <summary>A service's ingest worker reports to nobody.</summary>
public sealed class NoIngestObserver : IIngestObserver
{
    public static readonly NoIngestObserver Instance = new();

    private NoIngestObserver()
    {
    }

    public void BeforeProduce(CancellationToken cancel)
    {
    }

    public void Produced(long ts)
    {
    }

    public void WatermarkSent(long watermark)
    {
    }
}
