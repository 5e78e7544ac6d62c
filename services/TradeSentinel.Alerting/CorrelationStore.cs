using StackExchange.Redis;
using TradeSentinel.Infrastructure.Redis;

namespace TradeSentinel.Alerting;

/// <summary>
/// The alerter's windows and alert claims in Redis. Every script touches one key (so it also runs
/// on Redis Cluster) and answers <em>as of the fill's event time</em>: a window holds one entry per
/// appearance (<c>member@ts</c>), and counts only those in <c>[ts − window, ts]</c>. A fill
/// redelivered after a crash therefore sees exactly what it saw the first time, even though later
/// fills had already been added, and the alerter's decisions do not depend on where it crashed.
/// </summary>
public sealed class CorrelationStore(RedisConnector redis)
{
    // Adds one appearance, trims what no redelivery can still need (older than two windows), and
    // counts the distinct members that appeared in the window ending at this fill.
    private static readonly LuaScript WindowAdd = LuaScript.Prepare("""
        redis.call('ZADD', @key, @ts, @member .. '@' .. @ts)
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', '(' .. (tonumber(@ts) - 2 * tonumber(@window)))
        redis.call('PEXPIRE', @key, 3 * tonumber(@window))
        local seen, n = {}, 0
        for _, e in ipairs(redis.call('ZRANGEBYSCORE', @key, tonumber(@ts) - tonumber(@window), @ts)) do
          local m = string.match(e, '^(.*)@%d+$')
          if not seen[m] then seen[m] = true; n = n + 1 end
        end
        return n
        """);

    private static readonly LuaScript WindowMembers = LuaScript.Prepare("""
        local seen, out = {}, {}
        for _, e in ipairs(redis.call('ZRANGEBYSCORE', @key, tonumber(@ts) - tonumber(@window), @ts)) do
          local m = string.match(e, '^(.*)@%d+$')
          if not seen[m] then seen[m] = true; out[#out + 1] = m end
        end
        return out
        """);

    // An alert id belongs to the fill that first decided it. The same fill deciding it again is a
    // redelivery whose first output was never committed (the alerter produces in Kafka
    // transactions with its offsets), so it may produce again; any other fill may not.
    private static readonly LuaScript Claim = LuaScript.Prepare("""
        local v = redis.call('GET', @key)
        if not v then redis.call('SET', @key, @owner, 'PX', @ttl) return 1 end
        if v == @owner then return 1 end
        return 0
        """);

    private string Prefix => redis.Options.KeyPrefix;

    public IDatabase Db => redis.Connection.GetDatabase();

    /// <summary>Adds <paramref name="member"/> at event time <paramref name="ts"/>; returns the distinct members in the window ending at it.</summary>
    public async Task<long> AddAsync(string window, string member, long ts, long windowMs) =>
        (long)await Db.ScriptEvaluateAsync(WindowAdd, new { key = (RedisKey)(Prefix + window), member = (RedisValue)member, ts, window = windowMs });

    /// <summary>The distinct members in the window ending at event time <paramref name="ts"/>.</summary>
    public async Task<string[]> MembersAsync(string window, long ts, long windowMs) =>
        ((RedisResult[])(await Db.ScriptEvaluateAsync(WindowMembers, new { key = (RedisKey)(Prefix + window), ts, window = windowMs }))!)
        .Select(r => r.ToString()!).ToArray();

    /// <summary>True if <paramref name="owner"/> (the deciding fill) may produce the alert: no other fill has.</summary>
    public async Task<bool> ClaimAsync(string alertId, string owner, long ttlMs) =>
        (int)await Db.ScriptEvaluateAsync(Claim, new { key = (RedisKey)(Prefix + "alert:" + alertId), owner = (RedisValue)owner, ttl = ttlMs }) == 1;
}
