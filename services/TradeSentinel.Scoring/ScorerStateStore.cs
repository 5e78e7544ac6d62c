using StackExchange.Redis;
using TradeSentinel.Infrastructure.Redis;
using TradeSentinel.Scoring.Features;

namespace TradeSentinel.Scoring;

/// <summary>
/// Per-account scorer state in Redis, one small value per account: written at each checkpoint for
/// the accounts that changed, read once for an account the process has not seen since it started
/// (after a restart, or when its partition moved here from another instance).
/// </summary>
public sealed class ScorerStateStore(RedisConnector redis)
{
    /// <summary>As long as the scorer itself remembers an idle account.</summary>
    private static readonly TimeSpan Ttl = TimeSpan.FromDays(31);

    private RedisKey Key(string account) => $"{redis.Options.KeyPrefix}scorer:{account}";

    public async Task<Dictionary<string, AccountState>> LoadAsync(IReadOnlyCollection<string> accounts)
    {
        var db = redis.Connection.GetDatabase();
        // One GET per account, pipelined: unlike MGET it also works when the keys live on different Cluster slots.
        var reads = accounts.Select(a => (Account: a, Value: db.StringGetAsync(Key(a)))).ToList();
        await Task.WhenAll(reads.Select(r => r.Value));
        var found = new Dictionary<string, AccountState>(StringComparer.Ordinal);
        foreach (var (account, value) in reads)
            if (value.Result is { HasValue: true } bytes && AccountStateCodec.Decode(bytes!) is { } state)
                found[account] = state;
        return found;
    }

    /// <summary>Writes encoded states (<see cref="FeatureExtractor.TakeDirty"/>), pipelined.</summary>
    public Task SaveAsync(IReadOnlyDictionary<string, byte[]> states)
    {
        var db = redis.Connection.GetDatabase();
        var writes = new List<Task>(states.Count);
        foreach (var (account, encoded) in states) writes.Add(db.StringSetAsync(Key(account), encoded, Ttl));
        return Task.WhenAll(writes);
    }
}
