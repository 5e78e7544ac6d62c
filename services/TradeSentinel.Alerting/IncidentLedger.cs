using StackExchange.Redis;

namespace TradeSentinel.Alerting;

/// <summary>
/// Which incident a recommendation belongs to, kept in Redis per subject (<c>fa:beneficiary:A9001</c>,
/// <c>rk:K0042a</c>, <c>ra:app-3c</c>): an incident is opened by the trade of the subject's first
/// recommendation and stays open while recommendations on it keep coming within the gap, in event
/// time. So a replay or a restart finds the same incidents, and a subject that comes back later is
/// a new incident. Every call is one script on one key: pipelined with the alerter's other calls,
/// they run in the order sent.
/// </summary>
public sealed class IncidentLedger(CorrelationStore store)
{
    // Returns the opening trade and how many incidents the subject has had (this one included).
    private static readonly LuaScript Join = LuaScript.Prepare("""
        local h = redis.call('HMGET', @key, 'id', 'last', 'n')
        local ts, gap = tonumber(@ts), tonumber(@gap)
        if h[1] and ts - tonumber(h[2]) <= gap then
          if ts > tonumber(h[2]) then redis.call('HSET', @key, 'last', @ts) end
          redis.call('PEXPIRE', @key, @ttl)
          return {h[1], h[3]}
        end
        local n = (tonumber(h[3]) or 0) + 1
        redis.call('HSET', @key, 'id', @opening, 'first', @ts, 'last', @ts, 'n', n)
        redis.call('PEXPIRE', @key, @ttl)
        return {@opening, tostring(n)}
        """);

    // The opening trade of the subject's incident open at ts, or nil. An incident that opened later in
    // event time is not open at ts, though Redis may already hold it (a batch read again after an
    // aborted transaction finds what its first reading wrote): the answer is the one of the first time.
    private static readonly LuaScript Open = LuaScript.Prepare("""
        local h = redis.call('HMGET', @key, 'id', 'last', 'first')
        local ts = tonumber(@ts)
        if h[1] and ts >= (tonumber(h[3]) or 0) and ts - tonumber(h[2]) <= tonumber(@gap) then return h[1] end
        return false
        """);

    /// <summary>The incident a recommendation on <paramref name="subject"/>, decided by trade <paramref name="tradeId"/> at <paramref name="ts"/>, belongs to.</summary>
    public async Task<Incident> JoinAsync(string subject, string tradeId, long ts, long gapMs)
    {
        var result = (RedisResult[])(await store.Db.ScriptEvaluateAsync(Join, new
        {
            key = Key(subject),
            ts,
            gap = gapMs,
            ttl = 2 * gapMs,
            opening = (RedisValue)tradeId,
        }))!;
        return new Incident(subject, result[0].ToString()!, int.Parse(result[1].ToString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The incident id open on <paramref name="subject"/> at <paramref name="ts"/>, or null.</summary>
    public async Task<string?> OpenAsync(string subject, long ts, long gapMs)
    {
        var opening = await store.Db.ScriptEvaluateAsync(Open, new { key = Key(subject), ts, gap = gapMs });
        return opening.IsNull ? null : new Incident(subject, opening.ToString()!, 0).Id;
    }

    private RedisKey Key(string subject) => store.Keys.Incident(subject);
}

/// <param name="Number">How many incidents the subject has had, this one included.</param>
public sealed record Incident(string Subject, string OpeningTrade, int Number)
{
    public string Id => $"{Subject}:{OpeningTrade}";
}
