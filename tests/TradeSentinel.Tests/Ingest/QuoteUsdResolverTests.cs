using TradeSentinel.Core.Contract;
using TradeSentinel.Ingest;

namespace TradeSentinel.Tests.Ingest;

public class QuoteUsdResolverTests
{
    private static TradeEvent Trade(string symbol, double price, double? quoteUsd = null) =>
        new() { Symbol = symbol, Price = price, Qty = 1, QuoteUsd = quoteUsd };

    [Fact]
    public void Stablecoin_quotes_are_one_dollar_and_given_values_are_kept()
    {
        var resolver = new QuoteUsdResolver();
        var usdc = Trade("ETH-USDC", 1200);
        resolver.Resolve(usdc);
        Assert.Equal(1.0, usdc.QuoteUsd);
        var given = Trade("ETH-EUR", 1100, 1.07);
        resolver.Resolve(given);
        Assert.Equal(1.07, given.QuoteUsd);
    }

    [Fact]
    public void Btc_quoted_pairs_use_the_latest_btc_usdt_price_seen_before()
    {
        var resolver = new QuoteUsdResolver();
        var early = Trade("DMG-BTC", 0.000002);
        resolver.Resolve(early);
        Assert.Null(early.QuoteUsd);
        resolver.Resolve(Trade("BTC-USDT", 16_500));
        resolver.Resolve(Trade("BTC-USDT", 16_800));
        var later = Trade("DMG-BTC", 0.000002);
        resolver.Resolve(later);
        Assert.Equal(16_800, later.QuoteUsd);
    }
}
