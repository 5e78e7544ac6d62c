using StackExchange.Redis;

namespace TradeSentinel.Infrastructure.Redis;

/// <summary>
/// Every key the pipeline keeps in Redis, all under <c>Redis:KeyPrefix</c>: the one place to read the
/// key schema. Ids in keys come from validated records (the contract's id alphabet: printable ASCII
/// without space), so no input can reach outside its own key. A correlation window's two keys share a
/// hash tag (<c>{window}</c>), so its scripts work on a Redis Cluster.
/// </summary>
public sealed class RedisKeys(string prefix)
{
    /// <summary>A correlation window: its members scored by event time.</summary>
    public RedisKey Window(string window) => $"{prefix}{{{window}}}";

    /// <summary>The index of each member's latest appearance in <see cref="Window"/>.</summary>
    public RedisKey WindowLatest(string window) => $"{prefix}{{{window}}}:latest";

    /// <summary>A trade's two sides, as the alerter saw them (keyed by exchange and trade id).</summary>
    public RedisKey Trade(string tradeKey) => prefix + "trade:" + tradeKey;

    /// <summary>The claim that one alerter raised this recommendation (its cooldown).</summary>
    public RedisKey AlertClaim(string alertId) => prefix + "alert:" + alertId;

    /// <summary>The incidents of a subject, in event time.</summary>
    public RedisKey Incident(string subject) => $"{prefix}incident:{subject}";

    /// <summary>The analysts' suppressions: the index, and one expiring key per subject.</summary>
    public RedisKey Suppressions => prefix + "suppressions";

    public RedisKey Suppression(string subject) => prefix + "suppress:" + subject;

    /// <summary>A stage's checkpoint of one id (<c>kind</c>: the scorer's accounts, the market's tapes).</summary>
    public RedisKey Blob(string kind, string id) => $"{prefix}{kind}:{id}";

    /// <summary>The flagged trades of an account (window name).</summary>
    public static string AccountFlags(string accountId) => $"acct:{accountId}:flags";

    /// <summary>
    /// The unflagged losses of an account that counted as paid to their counterparty (window name):
    /// the account's own trades when it is named a victim, since it has no flagged ones.
    /// </summary>
    public static string AccountPaidLosses(string accountId) => $"acct:{accountId}:paid";

    /// <summary>The victims who paid an account (window name).</summary>
    public static string CounterpartyVictims(string accountId) => $"cp:{accountId}:victims";

    /// <summary>The accounts whose keys of an app were flagged (window name).</summary>
    public static string AppAccounts(string appId) => $"app:{appId}:accounts";
}
