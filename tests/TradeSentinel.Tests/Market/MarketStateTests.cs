using TradeSentinel.Core.Validation;
using TradeSentinel.Market;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Market;

public class MarketStateTests
{
    [Fact]
    public void A_feed_inventing_symbols_cannot_grow_the_market_state_past_its_cap()
    {
        var market = new MarketState();
        var parser = new TradeParser();
        for (var i = 0; i < MarketState.MaxSymbols + 10_000; i++)
        {
            Assert.True(parser.TryParse(System.Text.Encoding.UTF8.GetBytes(Trades.Line(
                Trades.Valid(id: $"T{i}", ts: 1_672_207_200_000 + i, symbol: $"FAKE{i}-USDT"))), out var trade, out var rejection), rejection.Detail);
            market.Observe(trade);
        }
        Assert.InRange(market.Symbols, 1, MarketState.MaxSymbols);
    }
}
