using TradeSentinel.Ingest;

namespace TradeSentinel.Tools.Calibration;

/// <summary>Reads trade files (TradeEvent v1, plain or gzip) into one <see cref="SymbolSeries"/> per symbol of each file.</summary>
public static class TapeSeries
{
    public static List<SymbolSeries> Read(IReadOnlyList<string> paths)
    {
        var series = new List<SymbolSeries>();
        foreach (var path in paths)
        {
            // USD values as ingest would fill them in: the record's quote_usd, else the stream's own QUOTE-USDT price.
            var quotes = new QuoteUsdResolver();
            var bySymbol = new SortedDictionary<string, List<(long Ts, double Price, double Qty, double Usd)>>(StringComparer.Ordinal);
            foreach (var trade in TradeFile.ReadValid(path))
            {
                quotes.Resolve(trade);
                var price = trade.Price!.Value;
                var qty = trade.Qty!.Value;
                if (!bySymbol.TryGetValue(trade.Symbol!, out var list)) bySymbol[trade.Symbol!] = list = [];
                list.Add((trade.Ts!.Value, price, qty, trade.QuoteUsd is { } usd ? price * qty * usd : double.NaN));
            }
            var prefix = paths.Count > 1 ? Path.GetFileName(path) + ":" : "";
            foreach (var (symbol, trades) in bySymbol)
            {
                var ordered = trades.Select((t, i) => (t, i)).OrderBy(x => x.t.Ts).ThenBy(x => x.i).Select(x => x.t).ToArray();
                series.Add(new SymbolSeries(prefix + symbol, [.. ordered.Select(t => t.Ts)], [.. ordered.Select(t => t.Price)],
                    [.. ordered.Select(t => t.Qty)], [.. ordered.Select(t => t.Usd)]));
            }
        }
        return series;
    }
}
