using TradeSentinel.Ingest;
using TradeSentinel.Simulation;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Simulation;

public class TapeOverlayTests
{
    private static readonly List<TradeSentinel.Core.Contract.TradeEvent> Tape =
        TradeFile.ReadValid(RepoPaths.Sample("benign.trades.jsonl.gz")).ToList();

    [Fact]
    public void An_overlay_spends_the_tapes_own_app_users_keys_into_new_accounts_at_multiples_of_the_coins_own_price()
    {
        var injected = new TapeOverlay(Tape, seed: 3).AppLeak(beneficiaries: 14, coins: 1, minMinutes: 3, maxMinutes: 8);
        var known = Tape.SelectMany(t => new[] { t.Buyer!.AccountId!, t.Seller!.AccountId! }).ToHashSet();
        var appUsers = Tape.SelectMany(t => new[] { t.Buyer!, t.Seller! }).Where(p => p.AppId is not null)
            .Select(p => (p.AccountId, p.ApiKeyId, p.AppId)).ToHashSet();

        Assert.NotEmpty(injected);
        Assert.Single(injected.Select(x => x.App).Distinct());
        Assert.Single(injected.Select(x => x.Trade.Symbol).Distinct());
        Assert.Equal(14, injected.Select(x => x.Beneficiary).Distinct().Count());
        Assert.All(injected, x =>
        {
            Assert.Contains((x.Trade.Buyer!.AccountId, x.Trade.Buyer.ApiKeyId, x.Trade.Buyer.AppId), appUsers); // the victim's own key and app
            Assert.DoesNotContain(x.Beneficiary, known);                                                       // accounts the attacker opened
            var before = Tape.Last(t => t.Symbol == x.Trade.Symbol && t.Ts <= x.Trade.Ts);
            Assert.InRange(x.Trade.Price!.Value / before.Price!.Value, 2.0, 7.5);                             // 2-5x, rising through the wave
        });
        var span = injected.Max(x => x.Trade.Ts!.Value) - injected.Min(x => x.Trade.Ts!.Value);
        Assert.InRange(span, 0, 8 * 60_000);
    }

    [Fact]
    public void A_phished_crowd_makes_as_many_payers_and_winners_as_a_pump_in_one_coin_within_minutes()
    {
        var injected = TapeAttack.Find("phished-crowd")!.Lay(new TapeOverlay(Tape, seed: 5));
        var ownKeys = Tape.SelectMany(t => new[] { t.Buyer!, t.Seller! }).Where(p => p.ApiKeyId is not null && p.AppId is null)
            .Select(p => (p.AccountId, p.ApiKeyId)).ToHashSet();
        var known = Tape.SelectMany(t => new[] { t.Buyer!.AccountId!, t.Seller!.AccountId! }).ToHashSet();

        // Each victim its own payer (no app) and each seller a winner of its own: more than the crowd gate's 8 of both.
        Assert.InRange(injected.Select(x => x.Victim).Distinct().Count(), 12, 20);
        Assert.Equal(10, injected.Select(x => x.Beneficiary).Distinct().Count());
        Assert.Single(injected.Select(x => x.Trade.Symbol).Distinct());
        Assert.All(injected, x =>
        {
            Assert.Null(x.App);
            Assert.Contains((x.Trade.Buyer!.AccountId, x.Trade.Buyer.ApiKeyId), ownKeys); // the victim's own key
            Assert.DoesNotContain(x.Beneficiary, known);
            var before = Tape.Last(t => t.Symbol == x.Trade.Symbol && t.Ts <= x.Trade.Ts);
            Assert.InRange(x.Trade.Price!.Value / before.Price!.Value, 1.5, 4.0);
        });
        Assert.All(injected.GroupBy(x => x.Victim), v => Assert.Single(v.Select(x => x.Beneficiary).Distinct())); // one seller per victim
        Assert.InRange(injected.Max(x => x.Trade.Ts!.Value) - injected.Min(x => x.Trade.Ts!.Value), 0, 8 * 60_000);
    }

    [Fact]
    public void The_same_tape_and_seed_give_the_same_attack()
    {
        string Fingerprint(int seed) => string.Join("\n", new TapeOverlay(Tape, seed).AppLeak(3, 2).Select(x =>
            $"{x.Trade.TradeId} {x.Trade.Ts} {x.Trade.Symbol} {x.Trade.Price} {x.Trade.Qty} {x.Victim} {x.Beneficiary}"));
        Assert.Equal(Fingerprint(7), Fingerprint(7));
        Assert.NotEqual(Fingerprint(7), Fingerprint(8));
    }
}
