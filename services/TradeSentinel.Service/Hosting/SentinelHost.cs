using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using TradeSentinel.Alerting;
using TradeSentinel.Alerting.Hooks;
using TradeSentinel.Infrastructure.Hosting;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Redis;
using TradeSentinel.Infrastructure.Streaming;
using TradeSentinel.Infrastructure.Telemetry;
using TradeSentinel.Ingest;
using TradeSentinel.Market;
using TradeSentinel.Scoring;

namespace TradeSentinel.Service.Hosting;

/// <summary>
/// Builds a process hosting some of the pipeline's stages: the same registration whether it runs
/// one stage in production or all of them for a replay. Every process serves /metrics, /healthz
/// and /readyz.
/// </summary>
public static class SentinelHost
{
    [Flags]
    public enum Stages { None = 0, Market = 1, Scorer = 2, Alerter = 4, Hooks = 8, All = Market | Scorer | Alerter | Hooks }

    public static WebApplicationBuilder CreateBuilder(string[] args, IDictionary<string, string?> overrides)
    {
        // appsettings.json ships beside the binary; relative paths in it (the model) stay relative to the working directory.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        // Logs on standard error: standard output carries a command's results (evaluate's JSON, broker's address).
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        if (builder.Configuration["urls"] is null) builder.WebHost.UseUrls("http://127.0.0.1:0");

        var services = builder.Services;
        services.AddValidatedOptions<KafkaOptions>(KafkaOptions.Section);
        services.AddValidatedOptions<RedisOptions>(RedisOptions.Section);
        services.AddValidatedOptions<IngestOptions>(IngestOptions.Section);
        services.AddValidatedOptions<ScoringOptions>(ScoringOptions.Section);
        services.AddValidatedOptions<AlertingOptions>(AlertingOptions.Section);
        services.AddValidatedOptions<HookOptions>(HookOptions.Section);
        services.AddSingleton<IValidateOptions<HookOptions>, HookOptionsValidation>();
        services.AddSingleton<KafkaClients>();
        services.AddSingleton<KafkaReachability>();
        services.AddSingleton<SentinelMetrics>();
        services.AddSingleton<RedisConnector>();
        services.AddSingleton(sp => new StageContext(sp.GetRequiredService<KafkaClients>(), sp.GetRequiredService<SentinelMetrics>(),
            sp.GetRequiredService<ILoggerFactory>(), sp.GetService<IStageObserver>()));
        services.AddSingleton<ModelProvider>();
        services.AddSingleton<CorrelationStore>();
        services.AddSingleton<TradeSentinel.Alerting.Suppression.SuppressionList>();
        services.AddSingleton<ScorerStateStore>();
        services.AddSingleton<MarketTapeStore>();
        services.AddSingleton<IngestWorker>();
        services.AddSentinelHealthChecks();
        services.AddOpenTelemetry().WithMetrics(m => m.AddHostMeter(SentinelMetrics.MeterName).AddRuntimeAndProcessMetrics().AddPrometheusExporter());
        return builder;
    }

    /// <summary>Registers the chosen stages as hosted services (also resolvable by type, e.g. to await their end).</summary>
    public static void AddStages(this IServiceCollection services, Stages stages)
    {
        services.AddStageHealthChecks(stages);
        if (stages.HasFlag(Stages.Market)) AddStage<MarketStage>(services);
        if (stages.HasFlag(Stages.Scorer)) AddStage<ScorerStage>(services);
        if (stages.HasFlag(Stages.Alerter)) AddStage<AlerterStage>(services);
        if (stages.HasFlag(Stages.Hooks)) AddStage<HookStage>(services);
    }

    private static void AddStage<T>(IServiceCollection services) where T : class, IHostedService
    {
        services.AddSingleton<T>();
        services.AddHostedService(sp => sp.GetRequiredService<T>());
    }

    /// <summary>The market stage checkpoints its tapes in Redis, the scorer its per-account state, the alerter its windows.</summary>
    public static bool NeedsRedis(Stages stages) => (stages & (Stages.Market | Stages.Scorer | Stages.Alerter)) != 0;

    public static void MapSentinelEndpoints(this WebApplication app, Stages stages)
    {
        app.Services.GetRequiredService<SentinelMetrics>().Stages = stages == Stages.None ? "ingest"
            : string.Join(",", Enum.GetValues<Stages>().Where(s => s is not Stages.None and not Stages.All && stages.HasFlag(s))).ToLowerInvariant();
        app.MapPrometheusScrapingEndpoint();
        app.MapSentinelHealthChecks();
    }
}
