using StackExchange.Redis;
using TradeSentinel.Infrastructure.Redis;

namespace TradeSentinel.Alerting;

/// <summary>
/// The alerter's windows in Redis. Each window is a sorted set of members scored by event time,
/// updated by one single-key script (so it also runs on Redis Cluster); re-applying the same fill
/// changes nothing, which makes redelivery after a restart harmless.
/// </summary>
public sealed class CorrelationStore(RedisConnector redis)
{
    // Adds a member at its latest event time, drops members older than the window, returns the count.
    private static readonly LuaScript WindowAdd = LuaScript.Prepare("""
        local old = redis.call('ZSCORE', @key, @member)
        if (not old) or tonumber(old) < tonumber(@ts) then redis.call('ZADD', @key, @ts, @member) end
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', '(' .. @since)
        redis.call('PEXPIRE', @key, @ttl)
        return redis.call('ZCARD', @key)
        """);

    // First claim wins; a claim still 'pending' (outputs not yet confirmed delivered) may be produced again.
    private static readonly LuaScript Claim = LuaScript.Prepare("""
        local v = redis.call('GET', @key)
        if not v then redis.call('SET', @key, 'pending', 'PX', @ttl) return 1 end
        if v == 'pending' then return 1 end
        return 0
        """);

    private string Prefix => redis.Options.KeyPrefix;

    public IDatabase Db => redis.Connection.GetDatabase();

    public Task<RedisResult> AddAsync(string window, string member, long ts, long windowMs) =>
        Db.ScriptEvaluateAsync(WindowAdd, new
        {
            key = (RedisKey)(Prefix + window),
            member = (RedisValue)member,
            ts,
            since = ts - windowMs,
            ttl = windowMs * 2,
        });

    public async Task<string[]> MembersAsync(string window) =>
        (await Db.SortedSetRangeByRankAsync(Prefix + window)).Select(v => v.ToString()).ToArray();

    public async Task<bool> ClaimAsync(string alertId, long ttlMs) =>
        (int)await Db.ScriptEvaluateAsync(Claim, new { key = (RedisKey)(Prefix + "alert:" + alertId), ttl = ttlMs }) == 1;

    /// <summary>Marks delivered alerts so that a redelivered fill does not produce them again.</summary>
    public Task MarkSentAsync(IEnumerable<string> alertIds, long ttlMs) =>
        Task.WhenAll(alertIds.Select(id => Db.StringSetAsync(Prefix + "alert:" + id, "sent", TimeSpan.FromMilliseconds(ttlMs))));
}
