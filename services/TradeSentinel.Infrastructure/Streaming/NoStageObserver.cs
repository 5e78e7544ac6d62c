namespace TradeSentinel.Infrastructure.Streaming;

/// <summary>A service's stages report to nobody.</summary>
public sealed class NoStageObserver : IStageObserver
{
    public static readonly NoStageObserver Instance = new();

    private NoStageObserver()
    {
    }

    public void Handled(string stage, int records)
    {
    }

    public void StreamEnded(string stage)
    {
    }

    public void Failed(string stage, Exception error)
    {
    }
}
