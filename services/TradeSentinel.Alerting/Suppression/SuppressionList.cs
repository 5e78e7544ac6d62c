using System.Text.Json;
using StackExchange.Redis;
using TradeSentinel.Infrastructure.Redis;

namespace TradeSentinel.Alerting.Suppression;

/// <summary>
/// The allowlist analysts build by dismissing recommendations, in Redis: one key per suppressed
/// subject that Redis itself expires (the alerter only asks whether it exists), and an index of
/// the subjects by expiry so the console can list them. Expiry is wall-clock time: an analyst
/// suppresses "for seven days from now", whatever event time the stream is at.
/// </summary>
public sealed class SuppressionList(RedisConnector redis)
{
    private RedisKey Index => redis.Keys.Suppressions;

    private RedisKey KeyOf(string subject) => redis.Keys.Suppression(subject);

    private IDatabase Db => redis.Connection.GetDatabase();

    public async Task AddAsync(Suppression entry, long nowMs)
    {
        var ttl = TimeSpan.FromMilliseconds(entry.UntilMs - nowMs);
        if (ttl <= TimeSpan.Zero) return;
        await Db.StringSetAsync(KeyOf(entry.Subject), JsonSerializer.Serialize(entry, SuppressionJson.Default.Suppression), ttl);
        await Db.SortedSetAddAsync(Index, entry.Subject, entry.UntilMs);
    }

    public async Task RevokeAsync(string subject)
    {
        await Db.KeyDeleteAsync(KeyOf(subject));
        await Db.SortedSetRemoveAsync(Index, subject);
    }

    /// <summary>The subjects among <paramref name="subjects"/> that are suppressed now, asked in one pipelined burst.</summary>
    public async Task<HashSet<string>> SuppressedAsync(IReadOnlyCollection<string> subjects)
    {
        var suppressed = new HashSet<string>(StringComparer.Ordinal);
        if (subjects.Count == 0) return suppressed;
        var db = Db;
        var asked = subjects.Distinct().Select(s => (Subject: s, Exists: db.KeyExistsAsync(KeyOf(s)))).ToList();
        foreach (var (subject, exists) in asked)
            if (await exists) suppressed.Add(subject);
        return suppressed;
    }

    /// <summary>The live entries, soonest to expire first; expired ones leave the index here.</summary>
    public async Task<List<Suppression>> ListAsync(long nowMs)
    {
        var db = Db;
        await db.SortedSetRemoveRangeByScoreAsync(Index, double.NegativeInfinity, nowMs);
        var entries = new List<Suppression>();
        foreach (var subject in await db.SortedSetRangeByScoreAsync(Index))
            if (await db.StringGetAsync(KeyOf(subject!)) is { HasValue: true } value
                && JsonSerializer.Deserialize((string)value!, SuppressionJson.Default.Suppression) is { } entry)
                entries.Add(entry);
        return entries;
    }
}
