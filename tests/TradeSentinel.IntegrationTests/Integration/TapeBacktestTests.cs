using TradeSentinel.Simulation;
using TradeSentinel.Tests.Fixtures;
using TradeSentinel.Tools.Backtest;

namespace TradeSentinel.Tests.Integration;

/// <summary>
/// <c>make backtest TAPES=…</c>: a recorded tape is measured alone (its accounts all innocent) and
/// with a leaked app laid over it, spread and as a crowd, and with phished keys making a crowd of
/// their own, beside the simple rule and the ceiling.
/// A simulated benign stream stands in for a venue's recorded tape.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class TapeBacktestTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-tapes-").FullName;

    [Fact]
    public async Task A_tape_is_reported_alone_and_with_each_overlaid_attack_beside_the_rule_and_the_ceiling()
    {
        var tape = Path.Combine(_dir, "venue.jsonl.gz");
        Simulator.Run(new SimulationOptions { Scenario = Scenario.Benign, Seed = 41, Hours = 1, Rate = 5, Accounts = 3000 }, tape,
            Path.Combine(_dir, "unused.labels.jsonl"));
        Directory.CreateDirectory(Path.Combine(_dir, "data"));
        var outcomes = await TapeBacktest.RunAsync(["--Scoring:ModelPath", TrainedModel.Shared.Path, "--Scoring:RulesOnly", "true"], [tape], [7], _dir,
            CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(["tape venue", "tape venue + app-leak", "tape venue + crowd14", "tape venue + phished-crowd"], outcomes.Select(o => o.Row.Scenario));
        var alone = outcomes[0].Row;
        // Alone, nobody is compromised: every trade is benign and whoever is named is a false positive.
        Assert.Equal(0, alone.Product.Victims);
        Assert.Equal(alone.Trades, alone.Product.BenignTrades);
        Assert.Equal(alone.Product.BenignAccountsNamed, outcomes[0].Alerts.Where(a => a.AccountId is not null).Select(a => a.AccountId).Distinct().Count());
        foreach (var attacked in outcomes.Skip(1).Select(o => o.Row))
        {
            // A leaked app spends 40 keys and more; a phished crowd 12-20, each into a seller of its
            // own at first, and nobody can stop a victim's or a seller's first trade.
            var phished = attacked.Scenario.EndsWith("phished-crowd", StringComparison.Ordinal);
            Assert.True(attacked.Product.Victims >= (phished ? 12 : 40), $"{attacked.Scenario}: {attacked.Product.Victims} victims");
            Assert.True(attacked.Product.MaliciousUsd > 0 && attacked.Product.PreventableUsdShare > (phished ? 0.7 : 0.9),
                $"{attacked.Scenario}: ceiling {attacked.Product.PreventableUsdShare}");
            Assert.Equal(attacked.Product.MaliciousUsd, attacked.Rule.MaliciousUsd);
            // The phished crowd makes 9 payers and 9 winners on the tape, and the crowd gate excuses the
            // rest of its losses; each is still named, with its seller, which only ever wins.
            Assert.True(attacked.Product.VictimRecall >= 0.95, $"{attacked.Scenario}: victim recall {attacked.Product.VictimRecall}");
        }
        Assert.True(File.Exists(Path.Combine(_dir, "data", "venue+crowd14-7.alerts.jsonl")));
        var report = BacktestReport.Render(outcomes.Select(o => o.Row).ToList(), "m", [7], 1);
        Assert.Contains("| tape venue + crowd14 |", report);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
