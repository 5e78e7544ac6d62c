using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Pipeline;

namespace TradeSentinel.Market;

/// <summary>Every symbol's tape; symbols idle for over an hour are forgotten, so memory stays bounded.</summary>
public sealed class MarketState
{
    private const long IdleMs = 3_600_000;
    private readonly Dictionary<string, SymbolTape> _tapes = new(StringComparer.Ordinal);
    private long _lastSweep;

    public int Symbols => _tapes.Count;

    /// <summary>The trade's market context (from trades before it), then records the trade.</summary>
    public MarketContext Observe(TradeEvent trade)
    {
        var ts = trade.Ts!.Value;
        if (!_tapes.TryGetValue(trade.Symbol!, out var tape)) _tapes[trade.Symbol!] = tape = new SymbolTape();
        var context = tape.ContextAt(ts);
        var usd = trade.Price!.Value * trade.Qty!.Value * (trade.QuoteUsd ?? 0);
        tape.Add(ts, trade.Price.Value, trade.Qty.Value, usd, context, StableHash.Of(trade.Buyer!.AccountId!), StableHash.Of(trade.Seller!.AccountId!));
        if (ts - _lastSweep > IdleMs) Sweep(ts);
        return context;
    }

    private void Sweep(long now)
    {
        foreach (var (symbol, tape) in _tapes)
            if (now - tape.LastTs > IdleMs) _tapes.Remove(symbol);
        _lastSweep = now;
    }
}
