using TradeSentinel.Infrastructure.Streaming;

namespace TradeSentinel.Tools.Replay;

/// <summary>
/// What a replay learns from its stages: the last stage's progress lets ingest go on (<see cref="InFlightLimiter"/>),
/// and the run is over once the end-of-stream mark has passed through the last stage.
/// </summary>
public sealed class ReplayObserver(string lastStage, InFlightLimiter? limiter = null) : IStageObserver
{
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the stream has ended in the last stage; faults if that stage failed first.</summary>
    public Task EndOfStream => _ended.Task;

    public void Handled(string stage, int records)
    {
        if (stage == lastStage) limiter?.Complete(records);
    }

    public void StreamEnded(string stage)
    {
        if (stage == lastStage) _ended.TrySetResult();
    }

    public void Failed(string stage, Exception error)
    {
        if (stage == lastStage) _ended.TrySetException(error);
    }
}
