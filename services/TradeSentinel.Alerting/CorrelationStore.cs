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

    private const string ListMembers = """
        local seen, out = {}, {}
        for _, e in ipairs(redis.call('ZRANGEBYSCORE', @key, tonumber(@ts) - tonumber(@window), @ts)) do
          local m = string.match(e, '^(.*)@%d+$')
          if not seen[m] then seen[m] = true; out[#out + 1] = m end
        end
        return out
        """;

    private static readonly LuaScript WindowMembers = LuaScript.Prepare(ListMembers);

    // The add above, answering with the distinct members instead of their count.
    private static readonly LuaScript WindowAddList = LuaScript.Prepare("""
        redis.call('ZADD', @key, @ts, @member .. '@' .. @ts)
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', '(' .. (tonumber(@ts) - 2 * tonumber(@window)))
        redis.call('PEXPIRE', @key, 3 * tonumber(@window))
        """ + ListMembers);

    // An alert id belongs to the trade that first decided it. The same trade deciding it again is a
    // redelivery whose first output was never committed (the alerter produces in Kafka
    // transactions with its offsets), so it may produce again; any other fill may not.
    private static readonly LuaScript Claim = LuaScript.Prepare("""
        local v = redis.call('GET', @key)
        if not v then redis.call('SET', @key, @owner, 'PX', @ttl) return 1 end
        if v == @owner then return 1 end
        return 0
        """);

    // The two fills of one trade meet here: each leaves what it knows under its role and reads the
    // other's, atomically, so whichever arrives second (on any alerter instance) sees both.
    private static readonly LuaScript Meet = LuaScript.Prepare("""
        redis.call('HSET', @key, @role, @value)
        redis.call('PEXPIRE', @key, @ttl)
        return redis.call('HGET', @key, @other)
        """);

    private string Prefix => redis.Options.KeyPrefix;

    public IDatabase Db => redis.Connection.GetDatabase();

    /// <summary>Adds <paramref name="member"/> at event time <paramref name="ts"/>; returns the distinct members in the window ending at it.</summary>
    public async Task<long> AddAsync(string window, string member, long ts, long windowMs) =>
        (long)await Db.ScriptEvaluateAsync(WindowAdd, new { key = (RedisKey)(Prefix + window), member = (RedisValue)member, ts, window = windowMs });

    /// <summary>Adds <paramref name="member"/> at event time <paramref name="ts"/>; returns the distinct members in the window ending at it.</summary>
    public async Task<string[]> AddAndListAsync(string window, string member, long ts, long windowMs) =>
        Strings(await Db.ScriptEvaluateAsync(WindowAddList, new { key = (RedisKey)(Prefix + window), member = (RedisValue)member, ts, window = windowMs }));

    /// <summary>The distinct members in the window ending at event time <paramref name="ts"/>.</summary>
    public async Task<string[]> MembersAsync(string window, long ts, long windowMs) =>
        Strings(await Db.ScriptEvaluateAsync(WindowMembers, new { key = (RedisKey)(Prefix + window), ts, window = windowMs }));

    private static string[] Strings(RedisResult result)
    {
        var items = (RedisResult[])result!;
        var strings = new string[items.Length];
        for (var i = 0; i < items.Length; i++) strings[i] = items[i].ToString()!;
        return strings;
    }

    /// <summary>
    /// Leaves <paramref name="value"/> under <paramref name="role"/> for trade <paramref name="tradeId"/>
    /// and returns what the trade's other fill left under <paramref name="otherRole"/>, or null if it has not.
    /// </summary>
    public async Task<string?> MeetAsync(string tradeId, string role, string value, string otherRole, long ttlMs) =>
        (string?)await Db.ScriptEvaluateAsync(Meet, new
        {
            key = (RedisKey)(Prefix + "trade:" + tradeId), role = (RedisValue)role, value = (RedisValue)value,
            other = (RedisValue)otherRole, ttl = ttlMs,
        });

    /// <summary>True if <paramref name="owner"/> (the deciding trade) may produce the alert: no other trade has.</summary>
    public async Task<bool> ClaimAsync(string alertId, string owner, long ttlMs) =>
        (int)await Db.ScriptEvaluateAsync(Claim, new { key = (RedisKey)(Prefix + "alert:" + alertId), owner = (RedisValue)owner, ttl = ttlMs }) == 1;
}
