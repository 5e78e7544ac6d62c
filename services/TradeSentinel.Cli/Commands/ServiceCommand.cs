using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TradeSentinel.Cli.Hosting;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Ingest;

namespace TradeSentinel.Cli.Commands;

/// <summary>
/// <c>sentinel market|scorer|alerter|hooks</c>: one stage as its own long-running service, and
/// <c>sentinel ingest --input file|-</c> or <c>sentinel ingest --from-topic NAME [--mapping FILE]</c>: one ingest worker. Production deployments run these
/// against a configured cluster and Redis.
/// </summary>
public static class ServiceCommand
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string stage, string[] args)
    {
        var stages = stage switch
        {
            "market" => SentinelHost.Stages.Market,
            "scorer" => SentinelHost.Stages.Scorer,
            "alerter" => SentinelHost.Stages.Alerter,
            "hooks" => SentinelHost.Stages.Hooks,
            _ => SentinelHost.Stages.None,
        };
        var builder = SentinelHost.CreateBuilder(args, new Dictionary<string, string?>());
        using var dev = DevInfrastructure.Start(builder.Configuration, needsRedis: SentinelHost.NeedsRedis(stages));
        builder.Configuration.AddInMemoryCollection(dev.Overrides);
        builder.Services.AddStages(stages);
        await using var app = builder.Build();
        app.MapSentinelEndpoints(stages);
        if (stages != SentinelHost.Stages.None)
        {
            await app.RunAsync();
            return 0;
        }
        VenueMappingCheck.ThrowIfInvalid(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IngestOptions>>().Value);
        await TopicProvisioner.EnsureAsync(app.Services.GetRequiredService<KafkaClients>());
        await app.StartAsync();
        var worker = app.Services.GetRequiredService<IngestWorker>();
        var stopping = app.Lifetime.ApplicationStopping;
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
        return 0;
    }
}
