using TradeSentinel.Core.Contract;
using TradeSentinel.Simulation;
using TradeSentinel.Tests.Fixtures;
using TradeSentinel.Tools.Commands;
using TradeSentinel.Tools.Evaluation;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tests.Integration;

/// <summary>
/// An attacker who read that many winners look like a market, selling from 9, 14 or 30 accounts
/// into one leaked app's victims in one coin, is caught through the whole pipeline and the app
/// revoked: the victims of one app are one payer, however many sellers there are.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class CrowdAttackTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-crowd-").FullName;

    [Theory]
    [InlineData(Scenario.Crowd9)]
    [InlineData(Scenario.Crowd14)]
    [InlineData(Scenario.Crowd30)]
    public async Task A_crowd_of_sellers_paid_by_one_leaked_app_is_caught_and_the_app_revoked(Scenario scenario)
    {
        var trades = Path.Combine(_dir, "trades.jsonl.gz");
        var labelsPath = Path.Combine(_dir, "labels.jsonl");
        Simulator.Run(new SimulationOptions { Scenario = scenario, Seed = 31, Hours = 1, Rate = 5, Accounts = 3000 }, trades, labelsPath);
        // The hand-written score, not the test model (trained on the contract samples only): this
        // test is about the crowd gate and the alerter, not the model.
        var run = await PipelineRun.ExecuteAsync(["--Scoring:ModelPath", TrainedModel.Shared.Path, "--Scoring:RulesOnly", "true"], trades)
            .WaitAsync(TimeSpan.FromMinutes(3));

        var labels = EvaluateCommand.ReadLabels(labelsPath);
        var report = Evaluator.Evaluate(run.Alerts, labels, EvaluateCommand.ReadTrades(trades));
        var leaked = Assert.Single(labels, l => l.Kind == "app_leak").AppId;
        Assert.True(report.VictimRecall >= 0.95, $"victim recall {report.VictimRecall:F3}");
        Assert.Contains(run.Alerts, a => a.Action == AlertActions.RevokeAppKeys && a.AppId == leaked);
        Assert.Equal(0, report.WrongAppRevocations);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
