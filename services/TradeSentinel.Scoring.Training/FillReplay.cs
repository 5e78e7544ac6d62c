using TradeSentinel.Core.Contract;
using TradeSentinel.Core.EventTime;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Ingest;
using TradeSentinel.Market;

namespace TradeSentinel.Scoring.Training;

/// <summary>
/// The pipeline's first stages run in-process over a file, in the order the scorer sees fills:
/// what training uses, so a model learns from exactly the vectors the scorer will compute.
/// </summary>
public static class FillReplay
{
    public static IEnumerable<Fill> Read(string path)
    {
        var trades = new List<TradeEvent>();
        var duplicates = new DuplicateFilter(int.MaxValue);
        var quotes = new QuoteUsdResolver();
        foreach (var trade in TradeFile.ReadValid(path))
        {
            if (!duplicates.TryAdd(trade.TradeId!)) continue;
            quotes.Resolve(trade);
            trades.Add(trade);
        }
        var ordered = trades.OrderBy(t => new EventKey(t.Ts!.Value, t.TradeId!, true));
        var market = new MarketState();
        foreach (var trade in ordered)
        {
            var (buyer, seller) = FillSplitter.Split(trade, market.Observe(trade));
            yield return buyer;
            yield return seller;
        }
    }
}
