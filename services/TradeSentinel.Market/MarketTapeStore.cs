using TradeSentinel.Infrastructure.Redis;

namespace TradeSentinel.Market;

/// <summary>
/// Each symbol's tape in Redis: written at each checkpoint for the symbols that traded, read once
/// for a symbol the process has not seen since it started (after a restart, or when its partition
/// moved here), so a restarted market stage does not start every tape empty and let the next
/// trade, an attack's perhaps, set the reference.
/// </summary>
public sealed class MarketTapeStore(RedisConnector redis)
{
    // Longer than the stage keeps an idle tape (an hour of event time).
    private readonly RedisBlobs _tapes = new(redis, "market", TimeSpan.FromHours(6));

    public async Task<Dictionary<string, SymbolTape>> LoadAsync(IReadOnlyCollection<string> symbols)
    {
        var found = new Dictionary<string, SymbolTape>(StringComparer.Ordinal);
        foreach (var (symbol, bytes) in await _tapes.LoadAsync(symbols))
            if (SymbolTape.Decode(bytes) is { } tape) found[symbol] = tape;
        return found;
    }

    public Task SaveAsync(IReadOnlyDictionary<string, byte[]> tapes) => _tapes.SaveAsync(tapes);
}
