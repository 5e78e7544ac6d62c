using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Market;

namespace TradeSentinel.Tests.Market;

public class SymbolTapeTests
{
    private const long T0 = 1_672_207_200_000;

    private static MarketContext Add(SymbolTape tape, long ts, double price, double qty = 100, int buyer = 0, int seller = 0)
    {
        var before = tape.ContextAt(ts, price);
        tape.Add(ts, price, qty, price * qty, before, buyer, seller);
        return before;
    }

    [Fact]
    public void Context_is_the_vwap_of_the_previous_fifteen_minutes_only()
    {
        var tape = new SymbolTape();
        Add(tape, T0, 1.0, qty: 100);
        Add(tape, T0 + 60_000, 1.01, qty: 300);
        var context = tape.ContextAt(T0 + 120_000, 1.0);
        Assert.Equal((1.0 * 100 + 1.01 * 300) / 400, context.Vwap15m, 9);
        Assert.Equal(2, context.Trades1h);
        // Twenty minutes on, the old prices have left the 15-min window but stay in the hour.
        Add(tape, T0 + 20 * 60_000, 1.02);
        var later = tape.ContextAt(T0 + 21 * 60_000, 1.0);
        Assert.Equal(1.02, later.Vwap15m, 9);
        Assert.Equal(3, later.Trades1h);
    }

    [Fact]
    public void A_burst_far_above_the_market_cannot_drag_the_reference_up_to_itself()
    {
        var tape = new SymbolTape();
        for (var i = 0; i < 60; i++) Add(tape, T0 + i * 10_000, 1.0 + (i % 3 - 1) * 0.002);
        for (var i = 0; i < 40; i++) Add(tape, T0 + 600_000 + i * 1_000, 4.0, qty: 1000);
        var reference = tape.ContextAt(T0 + 650_000, 1.0).Vwap15m;
        Assert.True(reference < 1.6, $"reference {reference} followed the attack prices");
        Assert.True(4.0 / reference > 2.5);
    }

    [Fact]
    public void The_off_market_crowd_counts_the_accounts_that_went_comparably_far()
    {
        var tape = new SymbolTape();
        for (var i = 0; i < 60; i++) Add(tape, T0 + i * 10_000, 1.0 + (i % 3 - 1) * 0.002, buyer: 1, seller: 2);
        // An organic pump: 30 distinct sellers filled 20-30% above the reference within two minutes.
        for (var i = 0; i < 30; i++) Add(tape, T0 + 600_000 + i * 4_000, 1.2 + i * 0.0033, buyer: 100 + i, seller: 200 + i);
        var next = T0 + 720_000;
        Assert.Equal(30, tape.ContextAt(next, 1.3).PremiumSellers5m);   // another buyer paying what the crowd pays
        Assert.Equal(0, tape.ContextAt(next, 3.5).PremiumSellers5m);    // a stolen key paying 3.5x: nobody went that far
        // The sellers who went far enough do count.
        Add(tape, next, 3.4, buyer: 300, seller: 400);
        Add(tape, next + 1_000, 3.6, buyer: 301, seller: 401);
        Assert.Equal(2, tape.ContextAt(next + 2_000, 3.5).PremiumSellers5m);
        // Five minutes later the crowd is gone.
        Assert.Equal(0, tape.ContextAt(next + 302_000, 1.3).PremiumSellers5m);

        // The mirror: ordinary buyers of a falling market 15% under the reference do not hide a sale at a third of it.
        var falling = new SymbolTape();
        for (var i = 0; i < 60; i++) Add(falling, T0 + i * 10_000, 1.0, buyer: 1, seller: 2);
        for (var i = 0; i < 20; i++) Add(falling, T0 + 600_000 + i * 3_000, 0.85, buyer: 500 + i, seller: 600 + i);
        Assert.Equal(20, falling.ContextAt(T0 + 700_000, 0.84).DiscountBuyers5m);
        Assert.Equal(0, falling.ContextAt(T0 + 700_000, 0.3).DiscountBuyers5m);
    }

    [Fact]
    public void Fills_name_their_counterparty_and_side()
    {
        var trade = new TradeEvent
        {
            TradeId = "T1",
            Exchange = "demo",
            Ts = T0,
            Symbol = "DMG-USDT",
            Price = 2,
            Qty = 10,
            TakerSide = "buy",
            QuoteUsd = 1,
            Buyer = new TradeParty { AccountId = "A1", Channel = "api", ApiKeyId = "K1", AppId = "app-3c" },
            Seller = new TradeParty { AccountId = "A2", Channel = "web" },
        };
        var (buyer, seller) = FillSplitter.Split(trade, new MarketContext());
        Assert.Equal(("buy", true, "A2", 20.0), (buyer.Side, buyer.Taker, buyer.Counterparty.AccountId, buyer.Usd));
        Assert.Equal(("sell", false, "A1", "app-3c"), (seller.Side, seller.Taker, seller.Counterparty.AccountId, seller.Counterparty.AppId));
    }

    [Fact]
    public void A_tape_restored_from_its_checkpoint_answers_exactly_as_the_original()
    {
        var random = new Random(3);
        var tape = new SymbolTape();
        for (var i = 0; i < 2_000; i++)
        {
            var ts = T0 + i * 2_000;
            var price = 1.0 + (random.NextDouble() - 0.5) * 0.02 + (i % 400 > 380 ? 2.0 : 0);
            var before = tape.ContextAt(ts, price, random.Next(50), random.Next(50));
            tape.Add(ts, price, 10 + random.Next(100), price * 100, before, random.Next(200), random.Next(200), random.Next(50), random.Next(50));
        }
        tape.LastApplied = new(T0 + 3_998_000, "T1999", true);

        var restored = SymbolTape.Decode(tape.Encode())!;

        Assert.Equal(tape.Encode(), restored.Encode());
        Assert.Equal(tape.LastApplied, restored.LastApplied);
        for (var k = 0; k < 50; k++)
        {
            var (ts, price) = (T0 + 3_998_000 + k * 7_000, 0.5 + k * 0.1);
            Assert.Equivalent(tape.ContextAt(ts, price, k, k + 1), restored.ContextAt(ts, price, k, k + 1), strict: true);
        }
        Assert.Null(SymbolTape.Decode([9, 9, 9]));
        Assert.Null(SymbolTape.Decode(tape.Encode()[..100]));
    }

    [Fact]
    public void A_checkpoint_whose_crowd_holds_more_members_than_a_crowd_keeps_is_damaged_and_the_tape_starts_empty()
    {
        using var bytes = new MemoryStream();
        using (var w = new BinaryWriter(bytes))
        {
            w.Write((byte)1);                 // the codec's version
            w.Write(new byte[60 * 44]);       // 60 empty minute buckets
            w.Write(257);                     // one crowd of 257 members (a crowd keeps 256)
            for (var m = 1; m <= 257; m++) { w.Write(m); w.Write(T0); w.Write(0.5); }
            for (var crowd = 0; crowd < 3; crowd++) w.Write(0); // the other three crowds, empty
            w.Write(1.0); w.Write(T0); w.Write(T0); w.Write("T1"); w.Write(true); // last price, last ts, last applied
        }
        Assert.Null(SymbolTape.Decode(bytes.ToArray()));
    }
}
