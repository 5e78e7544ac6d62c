using StackExchange.Redis;
using TradeSentinel.Infrastructure.Redis;

namespace TradeSentinel.Market;

/// <summary>
/// Each symbol's tape in Redis, one value per symbol: written at each checkpoint for the symbols
/// that traded, read once for a symbol the process has not seen since it started (after a restart,
/// or when its partition moved here), so a restarted market stage does not start every tape empty
/// and let the next trade, an attack's perhaps, set the reference.
/// </summary>
public sealed class MarketTapeStore(RedisConnector redis)
{
    /// <summary>Longer than the stage keeps an idle tape (an hour of event time).</summary>
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(6);

    private RedisKey Key(string symbol) => $"{redis.Options.KeyPrefix}market:{symbol}";

    public async Task<Dictionary<string, SymbolTape>> LoadAsync(IReadOnlyCollection<string> symbols)
    {
        var db = redis.Connection.GetDatabase();
        var reads = symbols.Select(s => (Symbol: s, Value: db.StringGetAsync(Key(s)))).ToList();
        await Task.WhenAll(reads.Select(r => r.Value));
        var found = new Dictionary<string, SymbolTape>(StringComparer.Ordinal);
        foreach (var (symbol, value) in reads)
            if (value.Result is { HasValue: true } bytes && SymbolTape.Decode(bytes!) is { } tape)
                found[symbol] = tape;
        return found;
    }

    public Task SaveAsync(IReadOnlyDictionary<string, byte[]> tapes)
    {
        var db = redis.Connection.GetDatabase();
        return Task.WhenAll(tapes.Select(t => db.StringSetAsync(Key(t.Key), t.Value, Ttl)));
    }
}
