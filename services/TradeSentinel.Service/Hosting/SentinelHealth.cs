using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Redis;
using TradeSentinel.Scoring;

namespace TradeSentinel.Service.Hosting;

/// <summary>
/// <c>/healthz</c> (liveness: every stage of this process is still running; a stage that stopped on
/// an error fails it, so the orchestrator restarts the process) and <c>/readyz</c> (readiness: the
/// cluster answers, the model is loaded, Redis is connected). Both answer in plain text with the
/// reason of each failing check, so an operator reading a 503 knows why.
/// </summary>
public static class SentinelHealth
{
    private const string Live = "live";
    private const string Ready = "ready";

    /// <summary>The checks of every process: its stages alive, its cluster reachable.</summary>
    public static void AddSentinelHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks()
            .Add(new HealthCheckRegistration("stages", sp => new Check(() => StoppedStage(sp)), null, [Live]))
            .Add(new HealthCheckRegistration("kafka", sp => new Check(() =>
                sp.GetRequiredService<KafkaReachability>().IsReachable ? null : "the Kafka cluster does not answer (Kafka:BootstrapServers)"), null, [Ready]));

    /// <summary>What the chosen stages need besides: the scorer its model, the stateful stages Redis.</summary>
    public static void AddStageHealthChecks(this IServiceCollection services, SentinelHost.Stages stages)
    {
        var checks = services.AddHealthChecks();
        if (stages.HasFlag(SentinelHost.Stages.Scorer))
            checks.Add(new HealthCheckRegistration("model", sp => new Check(() =>
                sp.GetRequiredService<ModelProvider>().IsLoaded ? null : "no model loaded yet (Scoring:ModelPath)"), null, [Ready]));
        if (SentinelHost.NeedsRedis(stages))
            checks.Add(new HealthCheckRegistration("redis", sp => new Check(() =>
                sp.GetRequiredService<RedisConnector>().IsConnected ? null : "Redis is not connected (Redis:Configuration)"), null, [Ready]));
    }

    public static void MapSentinelHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Live), ResponseWriter = (c, r) => WriteReasons(c, r, "alive") });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = (c, r) => WriteReasons(c, r, "ready") });
    }

    /// <summary>The first stage whose loop has ended (on an error, or at all: a live stage never ends by itself), or null.</summary>
    private static string? StoppedStage(IServiceProvider services)
    {
        var stopped = services.GetServices<IHostedService>().OfType<BackgroundService>().FirstOrDefault(s => s.ExecuteTask is { IsCompleted: true });
        if (stopped is null) return null;
        var error = stopped.ExecuteTask!.Exception?.GetBaseException().Message;
        return $"{stopped.GetType().Name} stopped{(error is null ? "" : $": {error}")}";
    }

    private static Task WriteReasons(HttpContext context, HealthReport report, string state)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (report.Status == HealthStatus.Healthy) return context.Response.WriteAsync(state);
        var reasons = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description}");
        return context.Response.WriteAsync($"not {state}: {string.Join("; ", reasons)}");
    }

    /// <summary>A check from a function that returns null when healthy, else the reason.</summary>
    private sealed class Check(Func<string?> reason) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(reason() is { } why ? HealthCheckResult.Unhealthy(why) : HealthCheckResult.Healthy());
    }
}
