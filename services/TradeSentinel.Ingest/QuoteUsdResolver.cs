using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Validation;

namespace TradeSentinel.Ingest;

/// <summary>
/// Fills in <c>quote_usd</c> as the contract says: the record's own value, else 1.0 for USD
/// stablecoins, else the latest <c>QUOTE-USDT</c> price seen earlier in the stream.
/// </summary>
public sealed class QuoteUsdResolver
{
    private static readonly HashSet<string> UsdQuotes = ["USDT", "USDC", "BUSD", "USD", "DAI"];
    private readonly Dictionary<string, double> _latestUsdt = [];

    /// <summary>Sets <see cref="TradeEvent.QuoteUsd"/> when it can be known; leaves it null otherwise.</summary>
    public void Resolve(TradeEvent trade)
    {
        var quote = trade.QuoteAsset;
        // A price no quote asset can have (see TradeValidator.MaxQuoteUsd) would make USD values overflow.
        if (quote == "USDT" && trade.Price <= TradeValidator.MaxQuoteUsd) _latestUsdt[trade.Symbol![..trade.Symbol!.IndexOf('-')]] = trade.Price!.Value;
        if (trade.QuoteUsd is not null) return;
        if (UsdQuotes.Contains(quote)) trade.QuoteUsd = 1.0;
        else if (_latestUsdt.TryGetValue(quote, out var price)) trade.QuoteUsd = price;
    }
}
