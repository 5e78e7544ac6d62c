using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Redis;
using TradeSentinel.Ingest;
using TradeSentinel.Service.Hosting;

namespace TradeSentinel.Service;

/// <summary>
/// <c>ingest|market|scorer|alerter|hooks</c>: one stage as its own long-running service (ingest: one
/// worker reading <c>--input file|-</c> or a venue's topic, <c>--from-topic NAME [--mapping FILE]</c>). A service runs against the configured cluster and Redis and
/// refuses to start without them; only the tools' <c>--dev</c> supplies embedded ones.
/// </summary>
public static class ServiceCommand
{
    public static readonly string[] Names = ["ingest", "market", "scorer", "alerter", "hooks"];

    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Starts development servers for what the configuration leaves unset and names them in it
    /// (the tools' <c>--dev</c>); the second argument says whether the stage needs Redis.
    /// </summary>
    public delegate IDisposable DevInfrastructureStarter(ConfigurationManager configuration, bool needsRedis);

    /// <summary>Runs the service named by <c>args[0]</c>; returns the process's exit code (documented in the README).</summary>
    public static async Task<int> RunAsync(string[] args, DevInfrastructureStarter? dev = null)
    {
        var name = args.FirstOrDefault();
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            Console.WriteLine(Usage);
            return ExitCodes.Ok;
        }
        try
        {
            if (name is null || !Names.Contains(name)) throw new UsageException(Usage);
            RefuseUnknownFlags(args.Skip(1).ToArray());
            return await RunStageAsync(name, CommandLine.Expand(args.Skip(1)), dev);
        }
        catch (Exception e) when (e is UsageException or OptionsValidationException or FileNotFoundException or KafkaException)
        {
            Console.Error.WriteLine($"sentinel {name}: {e.Message}");
            return ExitCodes.Usage;
        }
    }

    private static readonly string Usage = $"""
        usage: sentinel-service {string.Join('|', Names)} [--input F|- | --from-topic T [--mapping M]] [--Section:Key value ...]
          one stage of the pipeline per process; every setting of the README's Configuration section may be
          given as --Section:Key value or in the environment as Section__Key. Exit codes: 0 stopped, 2 cannot start
          (the message names the setting).
        """;

    /// <summary>A misspelt flag must not be taken silently for a setting: only settings (with a colon) and the short flags pass.</summary>
    private static void RefuseUnknownFlags(string[] args)
    {
        var (flags, _) = CommandLine.SplitSettings(args);
        var known = CommandLine.AliasNames.Append("--dev").ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < flags.Length; i++)
        {
            if (!flags[i].StartsWith('-')) continue;
            if (!known.Contains(flags[i])) throw new UsageException($"unknown option {flags[i]} (settings are written --Section:Key value)");
            if (!flags[i].Equals("--dev", StringComparison.OrdinalIgnoreCase)) i++; // its value
        }
    }

    private static async Task<int> RunStageAsync(string name, string[] args, DevInfrastructureStarter? dev)
    {
        var stages = name switch
        {
            "market" => SentinelHost.Stages.Market,
            "scorer" => SentinelHost.Stages.Scorer,
            "alerter" => SentinelHost.Stages.Alerter,
            "hooks" => SentinelHost.Stages.Hooks,
            _ => SentinelHost.Stages.None,
        };
        if (args.Contains("--dev", StringComparer.OrdinalIgnoreCase))
            throw new UsageException("--dev: the embedded development broker and Redis come with the `sentinel` tools (`sentinel " + name + " --dev`), not with the service");
        var builder = SentinelHost.CreateBuilder(args, new Dictionary<string, string?>());
        var needsRedis = SentinelHost.NeedsRedis(stages);
        using var devServers = dev?.Invoke(builder.Configuration, needsRedis);
        RequireInfrastructure(builder.Configuration, needsRedis);
        builder.Services.AddStages(stages);
        await using var app = builder.Build();
        app.MapSentinelEndpoints(stages);
        if (stages != SentinelHost.Stages.None)
        {
            await app.StartAsync();
            AnnounceStart(app, name);
            await app.WaitForShutdownAsync();
            return ExitCodes.Ok;
        }
        VenueMappingCheck.ThrowIfInvalid(app.Services.GetRequiredService<IOptions<IngestOptions>>().Value);
        await TopicProvisioner.EnsureAsync(app.Services.GetRequiredService<KafkaClients>());
        await app.StartAsync();
        AnnounceStart(app, name);
        var stopping = app.Lifetime.ApplicationStopping;
        var worker = app.Services.GetRequiredService<IngestWorker>();
        var ingest = Task.Factory.StartNew(() => worker.RunConfigured(stopping), TaskCreationOptions.LongRunning);
        try
        {
            await ingest.WaitAsync(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // SIGTERM: ingest may be blocked reading standard input, or producing to a broker that is gone,
            // where the token does not reach. Its input offsets are the feed's business: stop within seconds.
            await Task.WhenAny(ingest, Task.Delay(StopGrace));
        }
        await app.StopAsync();
        return ExitCodes.Ok;
    }

    /// <summary>A service without a cluster (or, for a stateful stage, without Redis) would look healthy and do nothing.</summary>
    private static void RequireInfrastructure(ConfigurationManager configuration, bool needsRedis)
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(configuration[$"{KafkaOptions.Section}:BootstrapServers"]))
            missing.Add("Kafka:BootstrapServers (environment Kafka__BootstrapServers)");
        if (needsRedis && string.IsNullOrWhiteSpace(configuration[$"{RedisOptions.Section}:Configuration"]))
            missing.Add("Redis:Configuration (environment Redis__Configuration)");
        if (missing.Count > 0)
            throw new UsageException($"not configured: {string.Join(" and ", missing)}. For development, `sentinel <stage> --dev` starts an embedded broker and redis-server.");
    }

    /// <summary>One line at start: what this process serves and where (Redis passwords never appear: only endpoints).</summary>
    private static void AnnounceStart(Microsoft.AspNetCore.Builder.WebApplication app, string name)
    {
        var kafka = app.Services.GetRequiredService<IOptions<KafkaOptions>>().Value;
        var redis = app.Services.GetRequiredService<IOptions<RedisOptions>>().Value;
        var urls = string.Join(", ", app.Urls);
        var redisEndpoints = string.IsNullOrEmpty(redis.Configuration) ? "none"
            : string.Join(",", StackExchange.Redis.ConfigurationOptions.Parse(redis.Configuration).EndPoints.Select(e => e.ToString()));
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TradeSentinel.Service")
            .LogInformation("{Stage} started: /metrics, /healthz, /readyz on {Urls}; Kafka {Bootstrap}; Redis {Redis}", name, urls, kafka.BootstrapServers, redisEndpoints);
    }
}
