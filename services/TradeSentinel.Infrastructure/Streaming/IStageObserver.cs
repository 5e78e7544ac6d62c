namespace TradeSentinel.Infrastructure.Streaming;

/// <summary>
/// What a stage tells whoever drives it. A service has nobody listening (<see cref="NoStageObserver"/>);
/// a replay harness paces its input by the last stage's progress and ends when the stream has passed through it.
/// </summary>
public interface IStageObserver
{
    /// <summary><paramref name="records"/> data records were fully handled (processed, or passed over as of no use).</summary>
    void Handled(string stage, int records);

    /// <summary>Everything before the end-of-stream watermark was handled and checkpointed.</summary>
    void StreamEnded(string stage);

    /// <summary>The stage stopped on an error; its host is stopping.</summary>
    void Failed(string stage, Exception error);
}
