using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using TradeSentinel.Infrastructure.Telemetry;

namespace TradeSentinel.Infrastructure.Redis;

/// <summary>
/// How a stage survives a Redis outage: it pauses (its offsets do not move), counts and logs the
/// failure, and redoes the same work once Redis answers. Callers make every write idempotent, so
/// the outcome equals that of an undisturbed run. Once <c>stop</c> is requested it retries no more:
/// a stage asked to stop while Redis is gone ends within one attempt's timeout, its offsets unmoved.
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
            catch (Exception e) when (IsTransient(e))
            {
                metrics.RedisErrors.Add(1);
                logger.LogWarning("Redis unavailable ({Reason}); {Stage} paused, retry {Attempt}", e.GetType().Name, stage, attempt + 1);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 << Math.Min(attempt, 6))), stop);
            }
        }
    }

    /// <summary>
    /// Down, slow, or up but not serving yet: a restarted server answers LOADING while it reads its
    /// append-only file back, a cluster TRYAGAIN or CLUSTERDOWN while slots move or fail over.
    /// </summary>
    public static bool IsTransient(Exception e) => e is RedisConnectionException or RedisTimeoutException
        || (e is RedisServerException && (e.Message.StartsWith("LOADING", StringComparison.Ordinal)
            || e.Message.StartsWith("TRYAGAIN", StringComparison.Ordinal) || e.Message.StartsWith("CLUSTERDOWN", StringComparison.Ordinal)
            || e.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal)));
}
