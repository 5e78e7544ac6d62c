using TradeSentinel.Tests.Fixtures;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tests.Integration;

/// <summary>The classic sample replayed twice through the whole pipeline, each run on its own broker and redis-server.</summary>
public sealed class ClassicReplay : IAsyncLifetime
{
    public PipelineRun.Result First { get; private set; } = null!;
    public PipelineRun.Result Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        string[] args = ["--Scoring:ModelPath", TrainedModel.Shared.Path];
        First = await PipelineRun.ExecuteAsync(args, RepoPaths.Sample("classic.trades.jsonl.gz"));
        Second = await PipelineRun.ExecuteAsync(args, RepoPaths.Sample("classic.trades.jsonl.gz"));
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
