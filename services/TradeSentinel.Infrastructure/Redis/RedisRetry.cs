using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using TradeSentinel.Infrastructure.Telemetry;

namespace TradeSentinel.Infrastructure.Redis;

/// <summary>
/// How a stage survives a Redis outage: it pauses (its offsets do not move), counts and logs the
/// failure, and redoes the same work once Redis answers. Callers make every write idempotent, so
/// the outcome equals that of an undisturbed run.
/// </summary>
public static class RedisRetry
{
    public static void UntilDone(Func<Task> work, SentinelMetrics metrics, ILogger logger, string stage)
    {
        for (var attempt = 0; ; attempt++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                work().GetAwaiter().GetResult();
                metrics.RedisDuration.Record(clock.Elapsed.TotalSeconds, new System.Diagnostics.TagList { { "stage", stage } });
                return;
            }
            catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
            {
                metrics.RedisErrors.Add(1);
                logger.LogWarning("Redis unavailable ({Reason}); {Stage} paused, retry {Attempt}", e.GetType().Name, stage, attempt + 1);
                Thread.Sleep(TimeSpan.FromMilliseconds(Math.Min(5000, 100 << Math.Min(attempt, 6))));
            }
        }
    }
}
