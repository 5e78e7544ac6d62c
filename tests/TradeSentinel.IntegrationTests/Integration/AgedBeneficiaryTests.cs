using TradeSentinel.Core.Contract;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Service;
using TradeSentinel.Service.Hosting;
using TradeSentinel.Simulation;
using TradeSentinel.Tests.Fixtures;
using TradeSentinel.Tools.Commands;
using TradeSentinel.Tools.Evaluation;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tests.Integration;

/// <summary>
/// A beneficiary with a long ordinary past (so it never "only wins off-market") is frozen through
/// the whole pipeline once flagged fills of enough of its victims name it, within minutes of
/// event time of its first stolen-key trade.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class AgedBeneficiaryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-aged-").FullName;

    [Fact]
    public async Task A_beneficiary_with_hundreds_of_ordinary_fills_is_frozen_on_the_evidence_across_its_victims()
    {
        var trades = Path.Combine(_dir, "trades.jsonl.gz");
        var labelsPath = Path.Combine(_dir, "labels.jsonl");
        Simulator.Run(new SimulationOptions { Scenario = Scenario.AgedBeneficiary, Seed = 33, Hours = 1, Rate = 5, Accounts = 3000 }, trades, labelsPath);
        // The hand-written score, not the test model: this test is about the alerter's evidence across victims.
        var run = await PipelineRun.ExecuteAsync(["--Scoring:ModelPath", TrainedModel.Shared.Path, "--Scoring:RulesOnly", "true"], trades)
            .WaitAsync(TimeSpan.FromMinutes(3));

        var labels = EvaluateCommand.ReadLabels(labelsPath);
        var report = Evaluator.Evaluate(run.Alerts, labels, EvaluateCommand.ReadTrades(trades));
        Assert.Equal(1, report.BeneficiaryRecall);
        Assert.All(report.BeneficiaryFreezeDelayMs, d => Assert.True(d.Value <= 10 * 60_000,
            $"{d.Key} frozen {(d.Value is { } ms ? $"{ms / 1000} s" : "never")} after its first stolen-key trade"));
        var frozen = run.Alerts.Where(a => a.Role == AlertActions.Beneficiary).ToList();
        // Frozen for what its victims' flagged fills show, not because its history looks like an attacker's.
        Assert.DoesNotContain(frozen, a => a.Reasons.Any(r => r.Code == "only_wins_off_market"));
        Assert.All(frozen, a => Assert.Contains(a.Reasons, r => r.Code == "collecting_counterparty"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
