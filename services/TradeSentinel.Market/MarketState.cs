using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.EventTime;
using TradeSentinel.Core.Pipeline;

namespace TradeSentinel.Market;

/// <summary>
/// Every symbol's tape; symbols idle for over an hour are forgotten, and beyond
/// <see cref="MaxSymbols"/> (far more than any venue lists) the least recently traded ones too, so
/// a feed inventing symbols cannot exhaust memory.
/// </summary>
public sealed class MarketState
{
    public const int MaxSymbols = 50_000;
    private const long IdleMs = 3_600_000;
    private readonly Dictionary<string, SymbolTape> _tapes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private long _lastSweep;

    public int Symbols => _tapes.Count;

    /// <summary>Symbols of <paramref name="trades"/> with no tape in memory (to look for in the checkpoint store).</summary>
    public List<string> Unknown(List<TradeEvent> trades)
    {
        List<string> unknown = [];
        foreach (var trade in trades)
            if (!_tapes.ContainsKey(trade.Symbol!) && !unknown.Contains(trade.Symbol!)) unknown.Add(trade.Symbol!);
        return unknown;
    }

    /// <summary>A tape from the checkpoint store, for a symbol with none in memory.</summary>
    public void Restore(string symbol, SymbolTape tape)
    {
        if (_tapes.Count >= MaxSymbols) ForgetLeastRecent();
        _tapes.TryAdd(symbol, tape);
    }

    /// <summary>The tapes that changed since the last call, encoded.</summary>
    public Dictionary<string, byte[]> TakeDirty()
    {
        var encoded = new Dictionary<string, byte[]>(_dirty.Count, StringComparer.Ordinal);
        foreach (var symbol in _dirty)
            if (_tapes.TryGetValue(symbol, out var tape)) encoded[symbol] = tape.Encode();
        _dirty.Clear();
        return encoded;
    }

    /// <summary>The trade's market context, then records it: for a stream of distinct trades in event-time order (training, benchmarks).</summary>
    public MarketContext Observe(TradeEvent trade) =>
        Observe(trade, new EventKey(trade.Ts!.Value, trade.TradeId!, true)) ?? throw new InvalidOperationException($"trade {trade.TradeId} is already in its tape");

    /// <summary>
    /// The trade's market context (from trades before it), then records the trade; null for a trade
    /// its tape already holds (re-read after a restart: its fills were delivered before the tape was saved).
    /// </summary>
    public MarketContext? Observe(TradeEvent trade, EventKey key)
    {
        var ts = trade.Ts!.Value;
        // A restored tape idle for longer than a tape is kept is one the stage would have forgotten.
        if (!_tapes.TryGetValue(trade.Symbol!, out var tape) || ts - tape.LastTs > IdleMs)
        {
            if (tape is null && _tapes.Count >= MaxSymbols) ForgetLeastRecent();
            _tapes[trade.Symbol!] = tape = new SymbolTape();
        }
        else if (key.CompareTo(tape.LastApplied) <= 0) return null;
        tape.LastApplied = key;
        _dirty.Add(trade.Symbol!);
        var (buyerOrigin, sellerOrigin) = (Origin(trade.Buyer!), Origin(trade.Seller!));
        var context = tape.ContextAt(ts, trade.Price!.Value, buyerOrigin, sellerOrigin);
        var usd = trade.Usd();
        tape.Add(ts, trade.Price!.Value, trade.Qty!.Value, usd, context, StableHash.Of(trade.Buyer!.AccountId!), StableHash.Of(trade.Seller!.AccountId!),
            buyerOrigin, sellerOrigin);
        if (ts - _lastSweep > IdleMs) Sweep(ts);
        return context;
    }

    /// <summary>
    /// Who decided an order, as far as independence goes: a third-party app's keys all act as the
    /// app does (one leak spends them all), anyone else on the web, the phone or their own keys
    /// decides for their own account. (An app's hash is salted so that it never reads as the account of the same name.)
    /// </summary>
    private static int Origin(TradeParty party) => party.AppId is { } app ? StableHash.Of(app) ^ AppSalt : StableHash.Of(party.AccountId!);

    private const int AppSalt = 0x5bd1e995;

    private void ForgetLeastRecent()
    {
        foreach (var symbol in _tapes.OrderBy(t => t.Value.LastTs).ThenBy(t => t.Key, StringComparer.Ordinal)
                     .Take(MaxSymbols / 10).Select(t => t.Key).ToList())
            _tapes.Remove(symbol);
    }

    private void Sweep(long now)
    {
        foreach (var (symbol, tape) in _tapes)
            if (now - tape.LastTs > IdleMs) _tapes.Remove(symbol);
        _lastSweep = now;
    }
}
