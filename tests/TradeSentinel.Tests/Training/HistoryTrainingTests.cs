using System.Text.Json;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Ingest;
using TradeSentinel.Scoring.Training;
using TradeSentinel.Simulation;
using TradeSentinel.Tools.Training;

namespace TradeSentinel.Tests.Training;

/// <summary>
/// <c>sentinel train --overlay-attacks</c>: an exchange trains on its own unlabelled history with the
/// simulator's attacks laid over it. The history here is a small simulated benign market written to
/// a temporary file (<see cref="SimulatedHistory"/>), read as a venue's tape would be.
/// </summary>
public sealed class HistoryTrainingTests(SimulatedHistory history) : IClassFixture<SimulatedHistory>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-history-training-").FullName;
    private readonly string _history = history.Path;
    private readonly List<TradeEvent> _tape = history.Tape;

    private List<HistoryTraining.Overlaid> Build(out TrainingSet set, params string[] attacks)
    {
        var laid = new List<HistoryTraining.Overlaid>();
        set = HistoryTraining.Build([_history], [.. attacks.Select(a => TapeAttack.Find(a)!)], [1], Path.Combine(_dir, "training-data"), laid.Add);
        return laid;
    }

    [Fact]
    public void Each_attack_robs_the_historys_own_accounts_of_the_profile_it_needs_and_labels_them()
    {
        var parties = _tape.SelectMany(t => new[] { t.Buyer!, t.Seller! }).ToList();
        var keys = parties.Where(p => p.ApiKeyId is not null).Select(p => (p.AccountId, p.ApiKeyId, p.AppId)).ToHashSet();
        var appUsers = parties.Where(p => p.AppId is not null).Select(p => p.AccountId).ToHashSet();
        var accounts = parties.Select(p => p.AccountId).ToHashSet();

        var laid = Build(out _, "app-leak", "phished", "many-beneficiaries");

        Assert.Equal(["app-leak", "phished", "many-beneficiaries"], laid.Select(o => o.Attack));
        foreach (var o in laid)
        {
            Assert.True(o.Trades > 10, $"{o.Attack}: {o.Trades} trades laid");
            var labels = File.ReadLines(o.LabelsPath).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var trades = TradeFile.ReadValid(o.TradesPath).ToDictionary(t => t.TradeId!);
            Assert.Equal(_tape.Count + o.Trades, trades.Count); // the history is all there, and the attack on top of it
            var malicious = labels.Where(l => l.GetProperty("kind").GetString() == "malicious_trade").ToList();
            Assert.Equal(o.Trades, malicious.Count);
            foreach (var label in malicious)
            {
                var trade = trades[label.GetProperty("trade_id").GetString()!];
                Assert.Equal(label.GetProperty("victim").GetString(), trade.Buyer!.AccountId);
                Assert.Contains((trade.Buyer.AccountId, trade.Buyer.ApiKeyId, trade.Buyer.AppId), keys); // the victim's own key, as the history shows it
                Assert.Equal(label.GetProperty("beneficiary").GetString(), trade.Seller!.AccountId);
            }
            var victims = malicious.Select(l => l.GetProperty("victim").GetString()).ToHashSet();
            var beneficiaries = malicious.Select(l => l.GetProperty("beneficiary").GetString()).ToHashSet();
            var leaks = labels.Count(l => l.GetProperty("kind").GetString() == "app_leak");
            switch (o.Attack)
            {
                case "app-leak":
                    Assert.Single(victims.Select(v => _tape.SelectMany(t => new[] { t.Buyer!, t.Seller! }).First(p => p.AccountId == v).AppId).Distinct());
                    Assert.Subset(appUsers, victims);
                    Assert.All(beneficiaries, b => Assert.DoesNotContain(b, accounts)); // accounts the attacker opened
                    Assert.Equal(1, leaks);
                    break;
                case "phished":
                    Assert.All(victims, v => Assert.DoesNotContain(v, appUsers)); // own keys, no app
                    Assert.All(beneficiaries, b => Assert.DoesNotContain(b, accounts));
                    Assert.Equal(0, leaks);
                    break;
                case "many-beneficiaries":
                    Assert.Subset(accounts, beneficiaries); // the history's own quiet accounts
                    Assert.True(beneficiaries.Count * 2 >= victims.Count, $"{beneficiaries.Count} beneficiaries for {victims.Count} victims");
                    Assert.Equal(0, leaks);
                    break;
            }
        }
    }

    [Fact]
    public void The_flag_score_is_chosen_on_the_untouched_historys_held_out_fills()
    {
        Build(out var set, "app-leak");
        var heldOut = FillReplay.Read(_history).Count(f => Math.Abs(StableHash.Of(f.TradeId) % TrainingSet.HoldoutEvery) == 0);

        var model = ModelTrainer.Train(set, ModelTrainer.Kind.FastTree, Path.Combine(_dir, "model.zip"));

        Assert.Equal(heldOut, set.Calibration.Count);
        Assert.Equal(heldOut, model.CalibrationRows);
        Assert.Contains("history", model.FlagScoreCalibratedOn);
        Assert.True(model.HoldoutPositives > 0);
        Assert.NotNull(model.HoldoutRecall);
    }

    [Fact]
    public void An_attack_laid_twice_at_one_seed_gives_the_same_trades()
    {
        string Fingerprint(string attack) => string.Join("\n", TapeAttack.Find(attack)!.Lay(new TapeOverlay(_tape, 4)).Select(x =>
            $"{x.Trade.TradeId} {x.Trade.Ts} {x.Trade.Symbol} {x.Trade.Price} {x.Victim} {x.Beneficiary}"));
        foreach (var attack in new[] { "phished", "many-beneficiaries" })
            Assert.Equal(Fingerprint(attack), Fingerprint(attack));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
