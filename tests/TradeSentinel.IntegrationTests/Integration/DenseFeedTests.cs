using TradeSentinel.Tests.Fixtures;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tests.Integration;

/// <summary>A busy venue's tape: more trades within the allowed lateness than a replay keeps in flight.</summary>
[Collection(PipelineCollection.Name)]
public sealed class DenseFeedTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-dense-").FullName;

    [Fact]
    public async Task A_replay_of_sixteen_thousand_trades_within_two_seconds_finishes()
    {
        // The attack stretch twice (fresh trade ids the second time), squeezed into 1.6 s of event
        // time: 10,000 trades per second, all 32,000 fills within the 2 s allowed lateness at once.
        var stretch = AttackStretch.Lines();
        var start = TradeLine.Ts(stretch[0])!.Value;
        var lines = Enumerable.Range(0, 2 * stretch.Count).Select(i =>
        {
            var line = TradeLine.WithTs(stretch[i % stretch.Count], _ => start + i / 10);
            return i < stretch.Count ? line : TradeLine.WithTradeId(line, id => id + "-again");
        }).ToList();
        var input = Path.Combine(_dir, "dense.jsonl");
        await File.WriteAllLinesAsync(input, lines);

        var run = await PipelineRun.ExecuteAsync(["--Scoring:ModelPath", TrainedModel.Shared.Path], input).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(lines.Count, run.Trades);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
