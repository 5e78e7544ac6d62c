using System.Globalization;
using StackExchange.Redis;
using TradeSentinel.Core.EventTime;
using TradeSentinel.Core.Validation;
using TradeSentinel.Infrastructure.Redis;

namespace TradeSentinel.Alerting;

/// <summary>
/// The alerter's windows and alert claims in Redis. A window answers <em>as of the fill's place in
/// event-time order</em> (its <see cref="EventKey"/>: time, then trade id, then side): it holds one
/// entry per appearance (<c>"tradeId side member"</c>, scored by time) and counts the distinct
/// members that appeared in <c>[ts − window, ts]</c> no later than the fill itself. So a fill
/// redelivered after a crash sees exactly what it saw the first time, even though later fills, of
/// later milliseconds or of its own, had already been added, and the alerter's decisions do not
/// depend on where it crashed. Beside it, an index of each member's latest appearance answers in
/// O(log n) whenever nothing later than the fill is there (always, but in a redelivery); only then
/// are the appearances scanned. The two keys of a window share a hash tag, so every script touches
/// one Redis Cluster slot.
/// </summary>
public sealed class CorrelationStore(RedisConnector redis)
{
    // An entry is "<trade id> <b|s> <member>": ids never hold a space (IdAlphabet), so the first two
    // words are the fill's place within its millisecond. after() compares places byte by byte, as
    // EventKey compares them (ids are ASCII, so ordinal order is byte order); Lua's own string
    // comparison follows the server's locale and may not.
    private const string Places = """
        local function split(e)
          local place, m = string.match(e, '^(%S+ [bs]) (.*)$')
          if place then return place, m end
          -- Written before places were kept ("member@ts"): first in its millisecond, as it was then.
          return '', string.match(e, '^(.*)@%d+$')
        end
        local function less(a, b)
          for i = 1, math.min(#a, #b) do
            local x, y = string.byte(a, i), string.byte(b, i)
            if x ~= y then return x < y end
          end
          return #a < #b
        end
        local function after(score, place)
          local ts = tonumber(@ts)
          if score ~= ts then return score > ts end
          return less(@place, place)
        end
        """;

    // Adds one appearance, and the member's latest one to the index; trims what no redelivery can
    // still need (older than two windows).
    private const string Add = """
        local ts, window = tonumber(@ts), tonumber(@window)
        redis.call('ZADD', @key, @ts, @place .. ' ' .. @member)
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', '(' .. (ts - 2 * window))
        redis.call('PEXPIRE', @key, 3 * window)
        local last = redis.call('ZSCORE', @latest, @member)
        if not last or tonumber(last) < ts then redis.call('ZADD', @latest, @ts, @member) end
        redis.call('ZREMRANGEBYSCORE', @latest, '-inf', '(' .. (ts - 2 * window))
        redis.call('PEXPIRE', @latest, 3 * window)
        """;

    // The distinct members that appeared in the window ending at the fill, in the index's order (by
    // latest appearance, then by their bytes), which the scan reproduces: evidence listed from them
    // reads the same when a fill is read again. The index alone answers when no appearance is after
    // the fill: none at a later time, and none later in the fill's own millisecond (usually a few).
    // The scan skips rather than stops at an entry after the fill: one written before the upgrade
    // may sort after it in the millisecond though it counts as before.
    private const string Members = Places + "\n" + """
        local function indexed()
          if #redis.call('ZRANGEBYSCORE', @key, '(' .. @ts, '+inf', 'LIMIT', 0, 1) > 0 then return false end
          for _, e in ipairs(redis.call('ZRANGEBYSCORE', @key, @ts, @ts)) do
            if after(tonumber(@ts), (split(e))) then return false end
          end
          return true
        end
        local function members(sorted, timed)
          local ts, from = tonumber(@ts), tonumber(@ts) - tonumber(@window)
          if indexed() then
            if timed then return redis.call('ZRANGEBYSCORE', @latest, from, ts, 'WITHSCORES') end
            return redis.call('ZRANGEBYSCORE', @latest, from, ts)
          end
          local latest, out = {}, {}
          local entries = redis.call('ZRANGEBYSCORE', @key, from, ts, 'WITHSCORES')
          for i = 1, #entries, 2 do
            local place, m = split(entries[i])
            local score = tonumber(entries[i + 1])
            if not after(score, place) then
              if not latest[m] then out[#out + 1] = m end
              latest[m] = score
            end
          end
          if sorted then
            table.sort(out, function(a, b)
              if latest[a] ~= latest[b] then return latest[a] < latest[b] end
              return less(a, b)
            end)
          end
          if not timed then return out end
          local withTimes = {}
          for _, m in ipairs(out) do
            withTimes[#withTimes + 1] = m
            withTimes[#withTimes + 1] = latest[m] -- a number: an integer reply
          end
          return withTimes
        end
        """;

    // How many: the index counts them without listing them when nothing later is there.
    private const string Count = Members + "\n" + """
        local function count()
          if indexed() then
            return redis.call('ZCOUNT', @latest, tonumber(@ts) - tonumber(@window), @ts)
          end
          return #members(false)
        end
        """;

    private static readonly LuaScript WindowAdd = Script(Add, Count, "return count()");
    private static readonly LuaScript WindowAddList = Script(Add, Members, "return members(true)");
    private static readonly LuaScript WindowMembers = Script(Members, "return members(true)");
    private static readonly LuaScript WindowMembersTimed = Script(Members, "return members(true, true)");

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

    /// <summary>Adds <paramref name="member"/> at the fill <paramref name="at"/>; returns the distinct members in the window ending at it.</summary>
    public async Task<long> AddAsync(string window, string member, EventKey at, long windowMs) =>
        (long)await Db.ScriptEvaluateAsync(WindowAdd, Args(window, member, at, windowMs));

    /// <summary>Adds <paramref name="member"/> at the fill <paramref name="at"/>; returns the distinct members in the window ending at it.</summary>
    public async Task<string[]> AddAndListAsync(string window, string member, EventKey at, long windowMs) =>
        Strings(await Db.ScriptEvaluateAsync(WindowAddList, Args(window, member, at, windowMs)));

    /// <summary>The distinct members in the window ending at the fill <paramref name="at"/>, that fill included.</summary>
    public async Task<string[]> MembersAsync(string window, EventKey at, long windowMs) =>
        Strings(await Db.ScriptEvaluateAsync(WindowMembers, Args(window, "", at, windowMs)));

    /// <summary><see cref="MembersAsync"/> with each member's latest appearance (ms) in the window.</summary>
    public async Task<(string Member, long Ts)[]> TimedMembersAsync(string window, EventKey at, long windowMs)
    {
        var pairs = Strings(await Db.ScriptEvaluateAsync(WindowMembersTimed, Args(window, "", at, windowMs)));
        var timed = new (string, long)[pairs.Length / 2];
        for (var i = 0; i < timed.Length; i++) timed[i] = (pairs[2 * i], (long)double.Parse(pairs[2 * i + 1], CultureInfo.InvariantCulture));
        return timed;
    }

    // A window's appearances and its latest-appearance index, under one hash tag.
    private object Args(string window, string member, EventKey at, long windowMs) => new
    {
        key = Keys.Window(window),
        latest = Keys.WindowLatest(window),
        member = (RedisValue)member,
        place = (RedisValue)$"{at.TradeId}{IdAlphabet.Joiner}{(at.IsBuy ? 'b' : 's')}",
        ts = at.Ts,
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
