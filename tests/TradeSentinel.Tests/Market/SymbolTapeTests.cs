using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Market;

namespace TradeSentinel.Tests.Market;

public class SymbolTapeTests
{
    private const long T0 = 1_672_207_200_000;

    private static MarketContext Add(SymbolTape tape, long ts, double price, double qty = 100)
    {
        var before = tape.ContextAt(ts);
        tape.Add(ts, price, qty, price * qty, before);
        return before;
    }

    [Fact]
    public void Context_is_the_vwap_of_the_previous_fifteen_minutes_only()
    {
        var tape = new SymbolTape();
        Add(tape, T0, 1.0, qty: 100);
        Add(tape, T0 + 60_000, 1.01, qty: 300);
        var context = tape.ContextAt(T0 + 120_000);
        Assert.Equal((1.0 * 100 + 1.01 * 300) / 400, context.Vwap15m, 9);
        Assert.Equal(2, context.Trades1h);
        // Twenty minutes on, the old prices have left the 15-min window but stay in the hour.
        Add(tape, T0 + 20 * 60_000, 1.02);
        var later = tape.ContextAt(T0 + 21 * 60_000);
        Assert.Equal(1.02, later.Vwap15m, 9);
        Assert.Equal(3, later.Trades1h);
    }

    [Fact]
    public void A_burst_far_above_the_market_cannot_drag_the_reference_up_to_itself()
    {
        var tape = new SymbolTape();
        for (var i = 0; i < 60; i++) Add(tape, T0 + i * 10_000, 1.0 + (i % 3 - 1) * 0.002);
        for (var i = 0; i < 40; i++) Add(tape, T0 + 600_000 + i * 1_000, 4.0, qty: 1000);
        var reference = tape.ContextAt(T0 + 650_000).Vwap15m;
        Assert.True(reference < 1.6, $"reference {reference} followed the attack prices");
        Assert.True(4.0 / reference > 2.5);
    }

    [Fact]
    public void Fills_name_their_counterparty_and_side()
    {
        var trade = new TradeEvent
        {
            TradeId = "T1", Exchange = "demo", Ts = T0, Symbol = "DMG-USDT", Price = 2, Qty = 10, TakerSide = "buy", QuoteUsd = 1,
            Buyer = new TradeParty { AccountId = "A1", Channel = "api", ApiKeyId = "K1", AppId = "app-3c" },
            Seller = new TradeParty { AccountId = "A2", Channel = "web" },
        };
        var (buyer, seller) = FillSplitter.Split(trade, new MarketContext());
        Assert.Equal(("buy", true, "A2", 20.0), (buyer.Side, buyer.Taker, buyer.Counterparty.AccountId, buyer.Usd));
        Assert.Equal(("sell", false, "A1", "app-3c"), (seller.Side, seller.Taker, seller.Counterparty.AccountId, seller.Counterparty.AppId));
    }
}
