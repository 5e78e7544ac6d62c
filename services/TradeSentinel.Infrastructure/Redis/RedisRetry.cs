using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using TradeSentinel.Infrastructure.Telemetry;

namespace TradeSentinel.Infrastructure.Redis;

/// <summary>
/// How a stage survives Redis trouble: what can pass (an outage, a failover, memory running out)
/// pauses it (its offsets do not move), counts and logs the cause, and redoes the same work once
/// Redis serves again; callers make every write idempotent, so the outcome equals that of an
/// undisturbed run. What waiting cannot mend (wrong credentials) stops the stage with the fix.
/// Once <c>stop</c> is requested it retries no more: a stage asked to stop while Redis is gone
/// ends within one attempt's timeout, its offsets unmoved.
/// </summary>
public static class RedisRetry
{
    public static void UntilDone(Func<Task> work, SentinelMetrics metrics, ILogger logger, string stage, CancellationToken stop = default) =>
        UntilDoneAsync(work, metrics, logger, stage, stop).GetAwaiter().GetResult();

    /// <summary>The same, for work that runs while the stage goes on (the scorer's state writes).</summary>
    public static async Task UntilDoneAsync(Func<Task> work, SentinelMetrics metrics, ILogger logger, string stage, CancellationToken stop = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                await work();
                metrics.RedisDuration.Record(clock.Elapsed.TotalSeconds, new System.Diagnostics.TagList { { "stage", stage } });
                return;
            }
            catch (Exception e) when (Classify(e) is { } trouble)
            {
                if (trouble == RedisTrouble.Credentials)
                    throw new InvalidOperationException(
                        $"Redis refused {stage}'s credentials or permissions ({FirstWord(e)}): set Redis:Password or Redis:PasswordFile to the server's password, and let its user run scripts and key commands", e);
                metrics.RedisErrors.Add(1, new System.Diagnostics.TagList { { "stage", stage }, { "cause", Cause(trouble) } });
                logger.LogWarning("Redis {Trouble}; {Stage} paused, retry {Attempt}", Describe(trouble, e), stage, attempt + 1);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 << Math.Min(attempt, 6))), stop);
            }
        }
    }

    /// <summary>Trouble that passes: waited out.</summary>
    public static bool IsTransient(Exception e) => Classify(e) is { } trouble && trouble != RedisTrouble.Credentials;

    /// <summary>
    /// Null for an error waiting cannot explain (a bug such as a wrong script): it stops the stage.
    /// Down, slow, or up but not serving yet is an outage: a restarted server answers LOADING while
    /// it reads its append-only file back, a cluster TRYAGAIN or CLUSTERDOWN while slots move.
    /// Refused credentials are looked for down the chain of causes: once the client has given up on a
    /// connection it answers "no connection is available", and the refusal is that answer's cause.
    /// </summary>
    public static RedisTrouble? Classify(Exception e) => Causes(e).Any(IsRefusal) ? RedisTrouble.Credentials : e switch
    {
        RedisConnectionException or RedisTimeoutException => RedisTrouble.Outage,
        RedisServerException s => FirstWord(s) switch
        {
            "LOADING" or "TRYAGAIN" or "CLUSTERDOWN" or "MASTERDOWN" or "BUSY" => RedisTrouble.Outage,
            // Writes refused until the server can persist (disk full: MISCONF) or reach its replicas (NOREPLICAS).
            "MISCONF" or "NOREPLICAS" => RedisTrouble.CannotPersist,
            // Connected to a replica after a failover: the client finds the new primary.
            "READONLY" => RedisTrouble.ReadOnly,
            // maxmemory reached under noeviction: keys expire, or an operator adds memory.
            "OOM" => RedisTrouble.OutOfMemory,
            _ => null,
        },
        _ => null,
    };

    private static bool IsRefusal(Exception e) => e is RedisConnectionException { FailureType: ConnectionFailureType.AuthenticationFailure }
        || (e is RedisServerException && FirstWord(e) is "NOAUTH" or "WRONGPASS" or "NOPERM");

    private static IEnumerable<Exception> Causes(Exception e)
    {
        for (var cause = e; cause is not null; cause = cause.InnerException) yield return cause;
    }

    private static string FirstWord(Exception e) => e.Message.Split(' ', 2)[0];

    internal static string Cause(RedisTrouble trouble) => trouble switch
    {
        RedisTrouble.ReadOnly => "read_only",
        RedisTrouble.OutOfMemory => "out_of_memory",
        RedisTrouble.CannotPersist => "cannot_persist",
        _ => "unavailable",
    };

    private static string Describe(RedisTrouble trouble, Exception e) => trouble switch
    {
        RedisTrouble.ReadOnly => "answers READONLY (a replica, e.g. during a failover): waiting for the primary",
        RedisTrouble.OutOfMemory => "is out of memory (maxmemory reached): raise maxmemory or add shards; waiting for room",
        RedisTrouble.CannotPersist => $"refuses writes it cannot persist ({FirstWord(e)}: a full disk, or replicas out of reach); waiting",
        _ => $"unavailable ({e.GetType().Name})",
    };
}

/// <summary>What went wrong with a Redis call, as far as a stage's choice goes: wait, or stop.</summary>
public enum RedisTrouble
{
    Outage,
    ReadOnly,
    OutOfMemory,
    CannotPersist,
    Credentials,
}
