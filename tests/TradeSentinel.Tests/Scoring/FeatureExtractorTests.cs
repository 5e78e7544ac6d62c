using TradeSentinel.Core.Pipeline;
using TradeSentinel.Scoring.Features;

namespace TradeSentinel.Tests.Scoring;

public class FeatureExtractorTests
{
    private const long T0 = 1_672_207_200_000;
    private readonly FeatureExtractor _extractor = new();

    private static Fill Fill(long ts, string symbol = "ETH-USDT", double price = 100, double usd = 1000, string side = "buy",
        string account = "A1", string? key = "K1", string? ip = "10.0.0.1", string counterparty = "B1", double vwap = 100) => new()
        {
            TradeId = $"T{ts}",
            Ts = ts,
            Symbol = symbol,
            Side = side,
            Price = price,
            Qty = usd / price,
            Usd = usd,
            AccountId = account,
            Channel = key is null ? "web" : "api",
            ApiKeyId = key,
            ClientIp = ip,
            Counterparty = new Counterparty { AccountId = counterparty, Channel = "web" },
            Market = new MarketContext { Vwap15m = vwap, Dispersion = 0.01, UsdVolume1h = 1e6, Trades1h = 100 },
        };

    private float[] Extract(Fill fill)
    {
        var features = new float[FeatureSchema.Count];
        _extractor.Extract(fill, features);
        return features;
    }

    [Fact]
    public void Premium_is_adverse_for_both_sides_and_normalised_by_dispersion()
    {
        var buyHigh = Extract(Fill(T0, price: 110));
        Assert.Equal(Math.Log(1.1), buyHigh[FeatureSchema.AdversePremium], 4);
        Assert.Equal(Math.Log(1.1) / 0.01, buyHigh[FeatureSchema.AdversePremiumZ], 2);
        var sellLow = Extract(Fill(T0 + 1, price: 90, side: "sell"));
        Assert.True(sellLow[FeatureSchema.AdversePremium] > 0.1);
        var sellHigh = Extract(Fill(T0 + 2, price: 110, side: "sell"));
        Assert.True(sellHigh[FeatureSchema.AdversePremium] < 0);
    }

    [Fact]
    public void New_symbol_and_size_against_the_accounts_own_history()
    {
        var opening = Fill(T0);
        opening.Market.UsdVolume1h = 100_000;
        var first = Extract(opening);
        Assert.Equal(1, first[FeatureSchema.NewSymbol]);
        // Without history, against the symbol's average trade of the hour ($100k in 100 trades): usual, not unknown.
        Assert.Equal(0, first[FeatureSchema.SizeVsUsual], 3);
        for (var i = 1; i < 10; i++) Extract(Fill(T0 + i * 60_000));
        var again = Extract(Fill(T0 + 700_000));
        Assert.Equal(0, again[FeatureSchema.NewSymbol]);
        var big = Extract(Fill(T0 + 800_000, symbol: "DMG-USDT", usd: 100_000));
        Assert.Equal(1, big[FeatureSchema.NewSymbol]);
        Assert.Equal(2.0, big[FeatureSchema.SizeVsUsual], 1); // 100x the usual $1,000
    }

    [Fact]
    public void Key_novelty_idleness_and_new_source_address()
    {
        Assert.Equal(1, Extract(Fill(T0))[FeatureSchema.NewKey]);
        var sameIp = Extract(Fill(T0 + 1000));
        Assert.Equal((0f, 0f), (sameIp[FeatureSchema.NewKey], sameIp[FeatureSchema.NewIp]));
        var tenDaysLater = Extract(Fill(T0 + 10L * 86_400_000, ip: "203.0.113.9"));
        Assert.Equal(Math.Log(1 + 10.0), tenDaysLater[FeatureSchema.KeyIdleDays], 2);
        Assert.Equal(1, tenDaysLater[FeatureSchema.NewIp]);
        var noIp = Extract(Fill(T0 + 10L * 86_400_000 + 1, ip: null));
        Assert.Equal(0, noIp[FeatureSchema.NewIp]); // streams without client_ip still work
        var web = Extract(Fill(T0 + 10L * 86_400_000 + 2, key: null));
        Assert.Equal((0f, 0f), (web[FeatureSchema.NewKey], web[FeatureSchema.ViaApi]));
    }

    [Fact]
    public void A_newcomer_paying_far_more_than_the_symbols_usual_trade_is_sized_as_unusual()
    {
        var newcomer = Fill(T0, symbol: "DMG-USDT", price: 300, usd: 30_000, account: "NEW");
        newcomer.Market.UsdVolume1h = 20_000;   // a thin coin: 100 trades of $200 in the hour
        var f = Extract(newcomer);
        Assert.Equal(Math.Log10(30_001.0 / 201), f[FeatureSchema.SizeVsUsual], 3);
        Assert.Equal((1f, 1f, 0f), (f[FeatureSchema.NewKey], f[FeatureSchema.NewSymbol], f[FeatureSchema.History]));
    }

    [Fact]
    public void An_account_silent_longer_than_the_scorers_memory_is_judged_like_a_new_one()
    {
        for (var i = 0; i < 5; i++) Extract(Fill(T0 + i * 60_000));
        var back = Extract(Fill(T0 + 31L * 86_400_000, ip: "203.0.113.9"));
        Assert.Equal((1f, 1f, 0f, 0f), (back[FeatureSchema.NewKey], back[FeatureSchema.NewSymbol], back[FeatureSchema.History], back[FeatureSchema.KeyIdleDays]));
    }

    [Fact]
    public void A_key_silent_longer_than_the_scorers_memory_is_a_new_key_even_while_its_account_trades_on()
    {
        Extract(Fill(T0));
        for (var day = 1; day <= 40; day++) Extract(Fill(T0 + day * 86_400_000L, key: null)); // on the web every day
        var key = Extract(Fill(T0 + 41L * 86_400_000, ip: "203.0.113.9"));
        Assert.Equal((1f, 0f), (key[FeatureSchema.NewKey], key[FeatureSchema.KeyIdleDays]));
        var again = Extract(Fill(T0 + 41L * 86_400_000 + 1000, ip: "203.0.113.9"));
        Assert.Equal((0f, 0f), (again[FeatureSchema.NewKey], again[FeatureSchema.NewIp]));
    }

    private Fill AppFill(long ts, string account, string key, string ip, double price = 100)
    {
        var fill = Fill(ts, account: account, key: key, ip: ip, price: price);
        fill.AppId = "app-3c";
        return fill;
    }

    [Fact]
    public void An_app_key_on_one_of_its_apps_servers_is_not_a_new_source_and_an_attackers_address_never_becomes_one()
    {
        // Two users of the app trade at the market from its server 52.0.0.1.
        Extract(AppFill(T0, "U1", "KU1", "52.0.0.1"));
        Extract(AppFill(T0 + 1000, "U2", "KU2", "52.0.0.1"));
        Extract(AppFill(T0 + 2000, "U3", "KU3", "52.0.0.2"));
        // A third user's key, known from another server, now seen from 52.0.0.1; a key never seen before, from it too.
        Assert.Equal(0, Extract(AppFill(T0 + 3000, "U3", "KU3", "52.0.0.1"))[FeatureSchema.NewIp]);
        Assert.Equal(0, Extract(AppFill(T0 + 4000, "U4", "KU4", "52.0.0.1"))[FeatureSchema.NewIp]);

        // Stolen keys spent at 3x from the attacker's address, however many: each is a new source...
        for (var i = 0; i < 5; i++)
            Assert.Equal(1, Extract(AppFill(T0 + 10_000 + i, $"V{i}", $"KV{i}", "185.0.0.9", price: 300))[FeatureSchema.NewIp]);
        // ...and so it is for a key the scorer knows, after them.
        Assert.Equal(1, Extract(AppFill(T0 + 20_000, "U2", "KU2", "185.0.0.9", price: 300))[FeatureSchema.NewIp]);
    }

    [Fact]
    public void Bursts_history_liquidity_app_taker_and_the_off_market_crowd()
    {
        var first = Extract(Fill(T0, usd: 999));
        Assert.Equal((0f, 0f, 3f), (first[FeatureSchema.Burst], first[FeatureSchema.History], first[FeatureSchema.LogUsd]));
        Assert.Equal(6, first[FeatureSchema.LogLiquidity], 4);                   // $1M traded in the symbol in the hour
        var second = Extract(Fill(T0));                                          // at once: one fill in the burst before it
        Assert.Equal(Math.Log(2), second[FeatureSchema.Burst], 4);
        var later = Extract(Fill(T0 + 300_000));                                 // five minutes on, the burst halved (2 → 1)
        Assert.Equal(Math.Log(2), later[FeatureSchema.Burst], 4);
        Assert.Equal(Math.Log10(3), later[FeatureSchema.History], 4);            // two fills before it

        var viaApp = Fill(T0 + 400_000, side: "sell");
        viaApp.AppId = "app-3c";
        viaApp.Taker = true;
        viaApp.Market.PremiumSellers5m = 40;                                     // the buyers' crowd: not this seller's
        viaApp.Market.DiscountBuyers5m = 2;
        viaApp.Market.PremiumPayers5m = 30;
        viaApp.Market.DiscountPayers5m = 5;
        var app = Extract(viaApp);
        Assert.Equal(Math.Log(6), app[FeatureSchema.PayingCrowd], 4);           // and against the others who sold that low
        Assert.Equal((1f, 1f), (app[FeatureSchema.ViaApp], app[FeatureSchema.Taker]));
        Assert.Equal(Math.Log(3), app[FeatureSchema.AdverseCrowd], 4);          // a seller is judged against the discount buyers
        Assert.Equal((0f, 0f), (first[FeatureSchema.ViaApp], first[FeatureSchema.Taker]));
    }

    [Fact]
    public void Counts_distinct_counterparties_paying_this_account_above_market()
    {
        float[] last = [];
        var payers = new[] { "V1", "V2", "V2", "V3" };
        for (var i = 0; i < payers.Length; i++)
            last = Extract(Fill(T0 + i * 1000, account: "BEN", side: "sell", price: 150, counterparty: payers[i], key: null));
        Assert.Equal(3, last[FeatureSchema.PayingCounterparties]);
        // An hour later they have left the window.
        var later = Extract(Fill(T0 + 2 * 3_600_000, account: "BEN", side: "sell", price: 100, counterparty: "V9", key: null));
        Assert.Equal(0, later[FeatureSchema.PayingCounterparties]);
    }

    [Fact]
    public void An_account_that_has_only_ever_won_off_market_is_told_apart_from_one_that_also_trades_at_the_market()
    {
        // A fresh account selling at 3x, then buying at a third of the market: only wins.
        Extract(Fill(T0, account: "BEN", side: "sell", price: 300, key: null));
        Assert.True(_extractor.OnlyWinsOffMarket("BEN"));
        Extract(Fill(T0 + 1000, account: "BEN", side: "buy", price: 33, key: null));
        Assert.True(_extractor.OnlyWinsOffMarket("BEN"));
        // One trade at the market and it is an ordinary account from then on, whatever it wins later.
        Extract(Fill(T0 + 2000, account: "BEN", side: "sell", price: 100.5, key: null));
        Extract(Fill(T0 + 3000, account: "BEN", side: "sell", price: 300, key: null));
        Assert.False(_extractor.OnlyWinsOffMarket("BEN"));

        // A market maker with history that is lifted at a premium once is not one.
        for (var i = 0; i < 5; i++) Extract(Fill(T0 + i * 1000, account: "MM", side: i % 2 == 0 ? "sell" : "buy", price: 100, key: null));
        Extract(Fill(T0 + 10_000, account: "MM", side: "sell", price: 300, key: null));
        Assert.False(_extractor.OnlyWinsOffMarket("MM"));

        // A win must clear the symbol's noise (3%, two dispersions), and losing is never winning.
        Extract(Fill(T0, account: "SMALL", side: "sell", price: 102, key: null));
        Assert.False(_extractor.OnlyWinsOffMarket("SMALL"));
        Extract(Fill(T0, account: "LOSER", side: "buy", price: 300, key: null));
        Assert.False(_extractor.OnlyWinsOffMarket("LOSER"));
        Assert.False(_extractor.OnlyWinsOffMarket("NEVER-SEEN"));
    }

    [Fact]
    public void The_wins_survive_the_state_store_and_older_records_read_as_no_wins()
    {
        Extract(Fill(T0, account: "BEN", side: "sell", price: 300, key: null));
        var saved = _extractor.TakeDirty()["BEN"];
        var restored = new FeatureExtractor();
        restored.Restore("BEN", AccountStateCodec.Decode(saved)!);
        Assert.True(restored.OnlyWinsOffMarket("BEN"));

        // A version-1 record (before wins were counted): the same bytes without the wins field.
        var v1 = new byte[saved.Length - 8];
        v1[0] = 1;
        Array.Copy(saved, 1, v1, 1, 8);                      // fills
        Array.Copy(saved, 17, v1, 9, saved.Length - 17);     // everything after the wins
        var old = AccountStateCodec.Decode(v1)!;
        Assert.Equal((1L, 0L, T0), (old.Fills, old.OffMarketWins, old.LastTs));
        Assert.Null(AccountStateCodec.Decode([9, 0, 0]));
    }

    [Fact]
    public void A_trader_who_wins_off_market_about_what_it_loses_is_told_apart_from_an_account_that_only_loses()
    {
        // A bot in a volatile coin: sells 6% under the reference, then buys 6% under it, in turn.
        float[] bot = [];
        for (var i = 0; i < 10; i++)
            bot = Extract(Fill(T0 + i * 10_000, account: "BOT", side: i % 2 == 0 ? "sell" : "buy", price: 94, usd: 100, key: null));
        Assert.InRange(bot[FeatureSchema.OffMarketOffset], 0.8, 1.3);
        // A stolen key paying three times the price: all loss, nothing won.
        var victim = Extract(Fill(T0, account: "V", price: 300, usd: 1000));
        Assert.Equal(0, victim[FeatureSchema.OffMarketOffset]);
        // An account that once sold into a pump, then robbed of more than half of that at once: not two-sided.
        Extract(Fill(T0, account: "LUCKY", side: "sell", price: 150, usd: 600, key: null));                 // won 200
        Assert.Equal(0, Extract(Fill(T0 + 60_000, account: "LUCKY", price: 300, usd: 300))[FeatureSchema.OffMarketOffset]); // lost 200
        // What the bot won hours ago does not offset a loss now.
        var later = Extract(Fill(T0 + 6 * 3_600_000L, account: "BOT", side: "sell", price: 50, usd: 100, key: null));
        Assert.InRange(later[FeatureSchema.OffMarketOffset], 0, 0.05);
    }

    [Fact]
    public void The_off_market_flows_survive_the_state_store()
    {
        Extract(Fill(T0, account: "BOT", side: "buy", price: 90, usd: 900, key: null));
        var restored = new FeatureExtractor();
        restored.Restore("BOT", AccountStateCodec.Decode(_extractor.TakeDirty()["BOT"])!);
        var f = new float[FeatureSchema.Count];
        restored.Extract(Fill(T0 + 1000, account: "BOT", side: "sell", price: 90, usd: 300, key: null), f);
        Assert.InRange(f[FeatureSchema.OffMarketOffset], 0.3, 0.34); // won 100 buying, then lost 33 selling
    }

    [Fact]
    public void State_per_account_stays_bounded()
    {
        for (var i = 0; i < 500; i++) Extract(Fill(T0 + i, symbol: $"S{i}-USDT", key: $"K{i}", ip: $"10.0.{i % 250}.{i / 250}", counterparty: $"B{i}"));
        var account = _extractor.StateOf("A1")!;
        Assert.True(account.Symbols.Count <= AccountState.MaxSymbols);
        Assert.True(account.Keys.Count <= AccountState.MaxKeys);
        Assert.All(account.Keys, k => Assert.True(k.Ips.Count <= AccountState.MaxIpsPerKey));
    }

    [Fact]
    public void Beyond_the_memory_cap_the_least_recently_active_saved_accounts_are_dropped_and_dirty_ones_kept()
    {
        for (var i = 0; i < 10; i++) Extract(Fill(T0 + i * 1000, account: $"A{i}"));
        _extractor.TakeDirty(); // saved
        Extract(Fill(T0 + 20_000, account: "A0")); // A0 active again, and not yet saved
        Assert.Equal(0, _extractor.EvictBeyond(10));
        Assert.Equal(6, _extractor.EvictBeyond(5)); // down to 90% of the cap (4), oldest first
        Assert.True(_extractor.Knows("A0")); // dirty: kept until saved
        Assert.Equal(["A7", "A8", "A9"], Enumerable.Range(1, 9).Select(i => $"A{i}").Where(_extractor.Knows).ToList());
    }
}
