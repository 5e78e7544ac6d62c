using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Market;

namespace TradeSentinel.Tests.Market;

/// <summary>Who paid an off-market price, not only who received it: what tells a pump from an attacker's crowd of sellers.</summary>
public class OffMarketCrowdTests
{
    private const long T0 = 1_672_207_200_000;
    private readonly MarketState _market = new();
    private long _ts = T0;
    private int _id;

    private MarketContext Trade(double price, TradeParty buyer, TradeParty seller) => _market.Observe(new TradeEvent
    {
        TradeId = $"T{++_id}",
        Exchange = "demo",
        Ts = _ts += 2_000,
        Symbol = "DMG-USDT",
        Price = price,
        Qty = 100,
        TakerSide = "buy",
        QuoteUsd = 1,
        Buyer = buyer,
        Seller = seller,
    });

    private static TradeParty Web(string account) => new() { AccountId = account, Channel = "web" };

    private static TradeParty Api(string account, string? app = null) =>
        new() { AccountId = account, Channel = "api", ApiKeyId = "K" + account, AppId = app };

    private void QuietMarket()
    {
        for (var i = 0; i < 60; i++) Trade(1.0 + (i % 3 - 1) * 0.002, Web($"M{i % 7}"), Web($"N{i % 5}"));
    }

    [Fact]
    public void Thirty_sellers_paid_by_one_apps_stolen_keys_are_thirty_winners_but_one_payer()
    {
        QuietMarket();
        for (var i = 0; i < 30; i++) Trade(3.0 + i * 0.01, Api($"V{i}", "app-3c"), Api($"B{i}"));

        var victim = Trade(3.3, Api("V99", "app-3c"), Api("B0"));
        Assert.Equal(30, victim.PremiumSellers5m); // the crowd of winners an attacker can open at will
        Assert.Equal(0, victim.PremiumPayers5m);   // nobody but the app's own keys paid that
        // Anyone else paying that price in that coin sees the app as one other payer, not thirty.
        Assert.Equal(1, Trade(3.3, Web("W1"), Api("B1")).PremiumPayers5m);
    }

    [Fact]
    public void A_pumps_buyers_are_many_independent_payers_even_for_a_user_of_an_app_that_joins_it()
    {
        QuietMarket();
        // Forty people pay 20-30% above the reference within two minutes; ten of them through one app.
        for (var i = 0; i < 40; i++) Trade(1.2 + i * 0.0025, i % 4 == 0 ? Api($"U{i}", "app-3c") : Web($"P{i}"), Api($"S{i}"));

        Assert.Equal(31, Trade(1.28, Web("P99"), Api("S99")).PremiumPayers5m);           // 30 web buyers and the app
        Assert.Equal(31, Trade(1.28, Api("U99", "app-3c"), Api("S98")).PremiumPayers5m); // its own app left out: 31 web buyers, P99 now too
        // Paying three times the price is not what that crowd paid.
        Assert.Equal(0, Trade(4.0, Api("U98", "app-3c"), Api("S97")).PremiumPayers5m);
    }

    [Fact]
    public void The_sell_side_mirror_counts_who_sold_below_the_market()
    {
        QuietMarket();
        for (var i = 0; i < 12; i++) Trade(0.3, Api($"X{i}"), Api($"V{i}", "app-pionex"));   // one app's keys dumping to 12 buyers
        for (var i = 0; i < 12; i++) Trade(0.85, Api($"Y{i}"), Web($"D{i}"));                // twelve people selling in a dip
        var dumped = Trade(0.3, Api("X0"), Api("V99", "app-pionex"));
        Assert.Equal(12, dumped.DiscountBuyers5m);
        Assert.Equal(0, dumped.DiscountPayers5m);
        Assert.Equal(13, Trade(0.84, Api("Y0"), Web("D99")).DiscountPayers5m);
    }

    [Fact]
    public void A_count_is_every_member_last_seen_within_the_window_whatever_order_the_trades_came_in_and_across_a_checkpoint()
    {
        // What the count means, kept the plain way: each member's last sighting, and its furthest
        // deviation among sightings no more than a window apart; over 256 members, the stale ones
        // and then the oldest half are forgotten.
        var lastSeen = new Dictionary<int, (long Ts, double Deviation)>();
        var crowd = new OffMarketCrowd();
        var random = new Random(15);
        var used = new HashSet<long>(); // distinct sightings, so "the oldest half" is one set
        var ts = T0;
        for (var i = 0; i < 20_000; i++)
        {
            ts += random.Next(1, 2_000);
            var members = i < 10_000 ? 120 : 400; // then crowds that overflow
            var (member, seenAt, deviation) = (random.Next(0, members), ts - random.Next(0, 20_000), random.NextDouble()); // some trades late
            if (!used.Add(seenAt)) continue;
            if (lastSeen.TryGetValue(member, out var seen) && seenAt - seen.Ts <= OffMarketCrowd.WindowMs) deviation = Math.Max(deviation, seen.Deviation);
            lastSeen[member] = (seenAt, deviation);
            if (lastSeen.Count > 256)
                foreach (var stale in lastSeen.Where(m => seenAt - m.Value.Ts > OffMarketCrowd.WindowMs).ToList()) lastSeen.Remove(stale.Key);
            if (lastSeen.Count > 256)
                foreach (var old in lastSeen.OrderBy(m => m.Value.Ts).Take(lastSeen.Count / 2).ToList()) lastSeen.Remove(old.Key);
            crowd.Remember(member, seenAt, deviation);
            if (i % 1_000 == 999) crowd = RoundTrip(crowd);

            var (at, min, except) = (ts - random.Next(0, 30_000), random.NextDouble(), random.Next(0, members));
            var expected = lastSeen.Count(m => m.Value.Ts >= at - OffMarketCrowd.WindowMs && m.Value.Deviation >= min && m.Key != except);
            Assert.Equal(expected, crowd.CountAt(at, min, except));
        }
    }

    private static OffMarketCrowd RoundTrip(OffMarketCrowd crowd)
    {
        using var bytes = new MemoryStream();
        using (var w = new BinaryWriter(bytes, System.Text.Encoding.UTF8, leaveOpen: true)) crowd.Write(w);
        bytes.Position = 0;
        var read = new OffMarketCrowd();
        read.Read(new BinaryReader(bytes));
        return read;
    }
}
