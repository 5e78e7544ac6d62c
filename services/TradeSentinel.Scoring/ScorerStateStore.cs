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
    // As long as the scorer itself remembers an idle account.
    private readonly RedisBlobs _states = new(redis, "scorer", TimeSpan.FromDays(31));

    public async Task<Dictionary<string, AccountState>> LoadAsync(IReadOnlyCollection<string> accounts)
    {
        var found = new Dictionary<string, AccountState>(StringComparer.Ordinal);
        foreach (var (account, bytes) in await _states.LoadAsync(accounts))
            if (AccountStateCodec.Decode(bytes) is { } state) found[account] = state;
        return found;
    }

    /// <summary>Writes encoded states (<see cref="FeatureExtractor.TakeDirty"/>), pipelined.</summary>
    public Task SaveAsync(IReadOnlyDictionary<string, byte[]> states) => _states.SaveAsync(states);
}
