using TradeSentinel.Cli.Hosting;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Integration;

/// <summary>
/// Scorer instances replaced or added mid-replay (same consumer group, same Redis): the
/// recommendations equal those of an undisturbed run, none lost, none doubled. That restored state
/// gives identical features is proven at the feature level by ScorerRestartTests.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ScorerRestartPipelineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-restart-").FullName;

    [Fact]
    public async Task A_scorer_replaced_mid_stream_changes_no_recommendation()
    {
        var input = AttackStretch.WriteTo(_dir);
        var undisturbed = await PipelineRun.ExecuteAsync(["--Scoring:ModelPath", TrainedModel.Shared.Path], input);
        await using var pipeline = await SplitPipeline.StartAsync();
        var first = await pipeline.AddScorerAsync();
        var ingest = pipeline.IngestAsync(input);
        await pipeline.WaitForAlertsAsync(3);
        await pipeline.StopScorerAsync(first);
        await pipeline.AddScorerAsync();
        await ingest;
        await pipeline.FinishAsync();
        Assert.Equal(SplitPipeline.Ids(undisturbed.Alerts), SplitPipeline.Ids(pipeline.Alerts));
    }

    [Fact]
    public async Task A_second_scorer_joining_mid_stream_rebalances_without_changing_a_recommendation()
    {
        var input = AttackStretch.WriteTo(_dir);
        var undisturbed = await PipelineRun.ExecuteAsync(["--Scoring:ModelPath", TrainedModel.Shared.Path], input);
        await using var pipeline = await SplitPipeline.StartAsync();
        await pipeline.AddScorerAsync();
        var ingest = pipeline.IngestAsync(input);
        await pipeline.WaitForAlertsAsync(3);
        await pipeline.AddScorerAsync(); // the group rebalances: partitions move, with their accounts' state
        await ingest;
        await pipeline.FinishAsync();
        Assert.Equal(SplitPipeline.Ids(undisturbed.Alerts), SplitPipeline.Ids(pipeline.Alerts));
    }

    [Fact]
    public async Task A_broker_down_mid_stream_delays_but_changes_no_recommendation()
    {
        var input = AttackStretch.WriteTo(_dir);
        var undisturbed = await PipelineRun.ExecuteAsync(["--Scoring:ModelPath", TrainedModel.Shared.Path], input);
        await using var pipeline = await SplitPipeline.StartAsync();
        await pipeline.AddScorerAsync();
        var ingest = pipeline.IngestAsync(input);
        await pipeline.WaitForAlertsAsync(3);
        pipeline.Broker.SetBrokerDown(1);
        await Task.Delay(TimeSpan.FromSeconds(3));
        pipeline.Broker.SetBrokerUp(1);
        await ingest;
        await pipeline.FinishAsync();
        Assert.Equal(SplitPipeline.Ids(undisturbed.Alerts), SplitPipeline.Ids(pipeline.Alerts));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
