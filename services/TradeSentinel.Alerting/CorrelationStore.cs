using StackExchange.Redis;
using TradeSentinel.Infrastructure.Redis;

namespace TradeSentinel.Alerting;

/// <summary>
/// The alerter's windows and alert claims in Redis. A window answers <em>as of the fill's event
/// time</em>: it holds one entry per appearance (<c>member@ts</c>) and counts the distinct members
/// that appeared in <c>[ts − window, ts]</c>, so a fill redelivered after a crash sees exactly what it
/// saw the first time, even though later fills had already been added, and the alerter's decisions
/// do not depend on where it crashed. Beside it, an index of each member's latest appearance answers
/// in O(log n) whenever nothing later than the fill is there (always, but in a redelivery); only
/// then are the appearances scanned. The two keys of a window share a hash tag, so every script
/// touches one Redis Cluster slot.
/// </summary>
public sealed class CorrelationStore(RedisConnector redis)
{
    // Adds one appearance, and the member's latest one to the index; trims what no redelivery can
    // still need (older than two windows).
    private const string Add = """
        local ts, window = tonumber(@ts), tonumber(@window)
        redis.call('ZADD', @key, @ts, @member .. '@' .. @ts)
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', '(' .. (ts - 2 * window))
        redis.call('PEXPIRE', @key, 3 * window)
        local last = redis.call('ZSCORE', @latest, @member)
        if not last or tonumber(last) < ts then redis.call('ZADD', @latest, @ts, @member) end
        redis.call('ZREMRANGEBYSCORE', @latest, '-inf', '(' .. (ts - 2 * window))
        redis.call('PEXPIRE', @latest, 3 * window)
        """;

    // The distinct members that appeared in the window ending at ts. The index alone answers when
    // no member appeared later than ts (always, but in a redelivery).
    private const string Members = """
        local function indexed()
          return redis.call('ZCOUNT', @latest, '(' .. @ts, '+inf') == 0
        end
        local function members()
          local ts, from = tonumber(@ts), tonumber(@ts) - tonumber(@window)
          if indexed() then
            return redis.call('ZRANGEBYSCORE', @latest, from, ts)
          end
          local seen, out = {}, {}
          for _, e in ipairs(redis.call('ZRANGEBYSCORE', @key, from, ts)) do
            local m = string.match(e, '^(.*)@%d+$')
            if not seen[m] then seen[m] = true; out[#out + 1] = m end
          end
          return out
        end
        """;

    // How many: the index counts them without listing them when nothing later is there.
    private const string Count = Members + "\n" + """
        local function count()
          if indexed() then
            return redis.call('ZCOUNT', @latest, tonumber(@ts) - tonumber(@window), @ts)
          end
          return #members()
        end
        """;

    private static readonly LuaScript WindowAdd = Script(Add, Count, "return count()");
    private static readonly LuaScript WindowAddList = Script(Add, Members, "return members()");
    private static readonly LuaScript WindowMembers = Script(Members, "return members()");

    private static LuaScript Script(params string[] parts) => LuaScript.Prepare(string.Join('\n', parts));

    // An alert id belongs to the trade that first decided it. The same trade deciding it again is a
    // redelivery whose first output was never committed (the alerter produces in Kafka
    // transactions with its offsets), so it may produce again; any other trade may not.
    private static readonly LuaScript Claim = LuaScript.Prepare("""
        local v = redis.call('GET', @key)
        if not v then redis.call('SET', @key, @owner, 'PX', @ttl) return 1 end
        if v == @owner then return 1 end
        return 0
        """);

    // The two fills of one trade meet here: each leaves what it knows under its role and reads the
    // other's, atomically, so whichever arrives second (on any alerter instance) sees both. The hash
    // remembers which role came first, and that one reads nothing even when it comes again (a batch
    // re-read after a crash or an aborted transaction): the decision stays with the fill that made it
    // the first time, so a redelivery cannot produce the same recommendation from the other fill.
    private static readonly LuaScript Meet = LuaScript.Prepare("""
        local first = redis.call('HGET', @key, 'first')
        if not first then
          first = @role
          redis.call('HSET', @key, 'first', first)
        end
        redis.call('HSET', @key, @role, @value)
        redis.call('PEXPIRE', @key, @ttl)
        if first == @role then return false end
        return redis.call('HGET', @key, @other)
        """);

    public RedisKeys Keys => redis.Keys;

    public IDatabase Db => redis.Connection.GetDatabase();

    /// <summary>Adds <paramref name="member"/> at event time <paramref name="ts"/>; returns the distinct members in the window ending at it.</summary>
    public async Task<long> AddAsync(string window, string member, long ts, long windowMs) =>
        (long)await Db.ScriptEvaluateAsync(WindowAdd, Args(window, member, ts, windowMs));

    /// <summary>Adds <paramref name="member"/> at event time <paramref name="ts"/>; returns the distinct members in the window ending at it.</summary>
    public async Task<string[]> AddAndListAsync(string window, string member, long ts, long windowMs) =>
        Strings(await Db.ScriptEvaluateAsync(WindowAddList, Args(window, member, ts, windowMs)));

    /// <summary>The distinct members in the window ending at event time <paramref name="ts"/>.</summary>
    public async Task<string[]> MembersAsync(string window, long ts, long windowMs) =>
        Strings(await Db.ScriptEvaluateAsync(WindowMembers, Args(window, "", ts, windowMs)));

    // A window's appearances and its latest-appearance index, under one hash tag.
    private object Args(string window, string member, long ts, long windowMs) => new
    {
        key = Keys.Window(window),
        latest = Keys.WindowLatest(window),
        member = (RedisValue)member,
        ts,
        window = windowMs,
    };

    private static string[] Strings(RedisResult result)
    {
        var items = (RedisResult[])result!;
        var strings = new string[items.Length];
        for (var i = 0; i < items.Length; i++) strings[i] = items[i].ToString()!;
        return strings;
    }

    /// <summary>
    /// Leaves <paramref name="value"/> under <paramref name="role"/> for the trade <paramref name="tradeKey"/> (see <see cref="Core.Validation.TradeKey"/>)
    /// and returns what the trade's other fill left under <paramref name="otherRole"/>; null if it has not, or if
    /// <paramref name="role"/> arrived first (then it stays null for this role, redelivered or not).
    /// </summary>
    public async Task<string?> MeetAsync(string tradeKey, string role, string value, string otherRole, long ttlMs) =>
        (string?)await Db.ScriptEvaluateAsync(Meet, new
        {
            key = Keys.Trade(tradeKey),
            role = (RedisValue)role,
            value = (RedisValue)value,
            other = (RedisValue)otherRole,
            ttl = ttlMs,
        });

    /// <summary>True if <paramref name="owner"/> (the deciding trade) may produce the alert: no other trade has.</summary>
    public async Task<bool> ClaimAsync(string alertId, string owner, long ttlMs) =>
        (int)await Db.ScriptEvaluateAsync(Claim, new { key = Keys.AlertClaim(alertId), owner = (RedisValue)owner, ttl = ttlMs }) == 1;
}
