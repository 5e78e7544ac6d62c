using Confluent.Kafka;
using TradeSentinel.Alerting;
using TradeSentinel.Infrastructure.Telemetry;
using TradeSentinel.Tests.Fixtures;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tests.Integration;

/// <summary>
/// Faults in the middle of a replay — a scorer replaced, a scorer added, a scorer or alerter process
/// SIGKILLed and restarted, a broker down — leave the recommendations equal to an undisturbed
/// run's: none lost, none doubled. That restored scorer
/// state gives identical features is proven at the feature level by ScorerRestartTests.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class MidStreamFaultTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-faults-").FullName;

    [Fact]
    public Task A_scorer_replaced_mid_stream_changes_no_recommendation() =>
        AssertUnchangedBy(async pipeline =>
        {
            await pipeline.StopScorerAsync(pipeline.Scorers[0]);
            await pipeline.AddScorerAsync();
        });

    [Fact]
    public Task A_second_scorer_joining_mid_stream_rebalances_without_changing_a_recommendation() =>
        // The group rebalances: partitions move to the new instance, with their accounts' state.
        AssertUnchangedBy(pipeline => pipeline.AddScorerAsync());

    [Fact]
    public Task A_broker_down_mid_stream_delays_but_changes_no_recommendation() =>
        AssertUnchangedBy(async pipeline =>
        {
            pipeline.Broker.SetBrokerDown(1);
            await Task.Delay(TimeSpan.FromSeconds(3));
            pipeline.Broker.SetBrokerUp(1);
        });

    [Fact]
    public Task Request_errors_injected_into_produce_fetch_and_offset_commit_change_no_recommendation() =>
        AssertUnchangedBy(pipeline =>
        {
            // Retriable broker errors, as a cluster returns them during a leader election or overload.
            pipeline.Broker.PushRequestErrors(0, Enumerable.Repeat(ErrorCode.NotEnoughReplicas, 5)
                .Concat(Enumerable.Repeat(ErrorCode.NotLeaderForPartition, 5)).Concat(Enumerable.Repeat(ErrorCode.RequestTimedOut, 3)).ToArray());
            pipeline.Broker.PushRequestErrors(1, Enumerable.Repeat(ErrorCode.NotLeaderForPartition, 5).ToArray());
            pipeline.Broker.PushRequestErrors(8, Enumerable.Repeat(ErrorCode.GroupLoadInProgress, 3).Concat(Enumerable.Repeat(ErrorCode.NotCoordinatorForGroup, 3)).ToArray());
            return Task.CompletedTask;
        });

    // Under full-suite load the rewind lands at other offsets, and this test found two ways a window
    // read again could answer otherwise than the first time: it saw later fills of its own
    // millisecond (windows now answer as of the whole event key), and its scan listed a beneficiary's
    // victims in another order than the index had (it now sorts them the index's way).
    // AlertRecords.AssertSame prints a differing record whole.
    [Fact]
    public async Task A_transaction_the_broker_aborts_is_read_again_from_the_committed_offsets_without_changing_a_recommendation()
    {
        using var rewinds = new CounterRecorder("sentinel.stage.rewinds", label: "stage");
        // Only a transactional producer (the alerter's) sends AddPartitionsToTxn; a topic it may not
        // write to makes librdkafka put the open transaction in the abortable state.
        await AssertUnchangedBy(pipeline =>
        {
            pipeline.Broker.PushRequestErrors(24, ErrorCode.TopicAuthorizationFailed);
            return Task.CompletedTask;
        });
        Assert.True(rewinds.Of(AlerterStage.Name) >= 1, "the alerter never rewound: the injected error did not abort a transaction");
    }

    [Fact]
    public Task A_scorer_process_killed_with_SIGKILL_and_restarted_changes_no_recommendation() =>
        AssertUnchangedBy(async pipeline =>
        {
            var scorer = pipeline.StartProcess("scorer");
            await pipeline.WaitForAlertsAsync(3);
            scorer.Kill();
            pipeline.StartProcess("scorer");
        }, scorerInProcess: false);

    [Fact]
    public Task An_alerter_process_killed_with_SIGKILL_and_restarted_changes_no_recommendation() =>
        AssertUnchangedBy(async pipeline =>
        {
            await pipeline.WaitForAlertsAsync(3);
            pipeline.Alerter!.Kill();
            pipeline.StartProcess("alerter");
        }, alerterAsProcess: true);

    [Fact]
    public Task A_market_process_killed_with_SIGKILL_and_restarted_changes_no_recommendation() =>
        // Its tapes come back from their checkpoint; trades re-read that a tape already holds are not produced again.
        AssertUnchangedBy(async pipeline =>
        {
            await pipeline.WaitForAlertsAsync(3);
            pipeline.Market!.Kill();
            pipeline.StartProcess("market");
        }, marketAsProcess: true);

    /// <summary>Replays the attack stretch undisturbed, then again with <paramref name="fault"/> once the attack is under way.</summary>
    private async Task AssertUnchangedBy(Func<SplitPipeline, Task> fault, bool scorerInProcess = true, bool alerterAsProcess = false,
        bool marketAsProcess = false)
    {
        var input = AttackStretch.WriteTo(_dir);
        var undisturbed = await UndisturbedStretch.AlertsAsync();
        await using var pipeline = await SplitPipeline.StartAsync(alerterAsProcess, marketAsProcess);
        if (scorerInProcess) await pipeline.AddScorerAsync();
        // The feed pauses halfway (the first half raises a third of the recommendations) until the fault has landed.
        var faulted = new TaskCompletionSource();
        var ingest = pipeline.IngestAsync(input, faulted.Task);
        if (scorerInProcess) await pipeline.WaitForAlertsAsync(3);
        await fault(pipeline);
        var outAtFault = pipeline.Alerts.Count;
        faulted.SetResult();
        await ingest;
        await pipeline.FinishAsync(undisturbed.Count);
        Assert.NotEmpty(undisturbed);
        Assert.True(outAtFault < undisturbed.Count, $"{outAtFault} of {undisturbed.Count} recommendations were out when the fault landed: it proves nothing");
        AlertRecords.AssertSame(undisturbed, pipeline.Alerts);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
