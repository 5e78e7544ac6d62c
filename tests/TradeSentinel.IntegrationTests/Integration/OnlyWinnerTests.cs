using TradeSentinel.Core.Contract;
using TradeSentinel.Simulation;
using TradeSentinel.Tests.Fixtures;
using TradeSentinel.Tools.Commands;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tests.Integration;

/// <summary>
/// An attacker's collecting account, which has never traded but to win off-market, is frozen at the
/// trade of its first victim, not after its second: whichever of the trade's two fills reaches the
/// alerter first (victims buying from it, or selling to it).
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class OnlyWinnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-only-winner-").FullName;

    [Theory]
    [InlineData(Scenario.Phished, 301)]   // the victim's (buy) fill arrives first
    [InlineData(Scenario.SellSide, 302)]  // the beneficiary's (buy) fill arrives first
    public async Task A_beneficiary_is_frozen_at_its_first_victims_trade(Scenario scenario, int seed)
    {
        var trades = Path.Combine(_dir, "trades.jsonl.gz");
        var labelsPath = Path.Combine(_dir, "labels.jsonl");
        Simulator.Run(new SimulationOptions { Scenario = scenario, Seed = seed, Hours = 1, Rate = 5, Accounts = 3000 }, trades, labelsPath);
        // The hand-written score, not the test model (trained on the contract samples only, it does not
        // know the simulator's markets): this test is about the alerter's correlation, not the model.
        // The single-victim rule (a loss far off the market names the account it paid) is off: most of
        // these losses would name their beneficiary on that rule alone, and this test is about the history.
        var run = await PipelineRun.ExecuteAsync(["--Scoring:ModelPath", TrainedModel.Shared.Path, "--Scoring:RulesOnly", "true",
                "--Alerting:BeneficiaryAloneMinPremium", "1000000"], trades)
            .WaitAsync(TimeSpan.FromMinutes(3));

        var labels = EvaluateCommand.ReadLabels(labelsPath);
        var tape = EvaluateCommand.ReadTrades(trades);
        var firstTrade = labels.Where(l => l.Kind == "malicious_trade").GroupBy(l => l.Beneficiary!)
            .ToDictionary(g => g.Key, g => g.Min(m => tape[m.TradeId!].Ts));
        var atFirstVictim = run.Alerts.Where(a => a.Role == AlertActions.Beneficiary && a.Reasons[0].Code == "only_wins_off_market").ToList();

        // Every one of them is a labelled beneficiary (the key of the lookup), frozen at its very first malicious trade.
        Assert.NotEmpty(atFirstVictim);
        Assert.All(atFirstVictim, a => Assert.Equal(firstTrade[a.AccountId!], a.Ts));
        Assert.Equal(run.Alerts.Count, run.Alerts.Select(a => a.AlertId).Distinct().Count());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
