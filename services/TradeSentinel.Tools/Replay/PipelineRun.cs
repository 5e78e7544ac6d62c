using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TradeSentinel.Alerting;
using TradeSentinel.Alerting.Hooks;
using TradeSentinel.Core.Contract;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Streaming;
using TradeSentinel.Ingest;
using TradeSentinel.Scoring;
using TradeSentinel.Service.Hosting;

namespace TradeSentinel.Tools.Replay;

/// <summary>
/// One whole pipeline in this process, over a file: ingest → Kafka → market → scorer → Redis
/// alerter → alert topic, every hop over the Kafka protocol. What `replay` and `run` share.
/// </summary>
public static class PipelineRun
{
    /// <summary>Fills allowed between ingest and the alerter: keeps the dev broker's ~5 MB partitions from overflowing.</summary>
    private const int MaxFillsInFlight = 16_000;

    public sealed record Result(IReadOnlyList<FreezeRecommendation> Alerts, long Trades, long Refused, TimeSpan Elapsed, string ModelVersion);

    /// <summary>How long the stages get to finish their last checkpoint once the run is cancelled or has failed.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    /// <param name="cancel">
    /// Stops the run (the caller's SIGINT/SIGTERM, see <see cref="Interrupt"/>): it ends with an
    /// <see cref="OperationCanceledException"/> within seconds, its stages stopped, then the embedded broker
    /// and redis-server. When given, the caller owns the signals; without it, the host's console lifetime does.
    /// </param>
    /// <param name="scorers">Scorer instances in the scorers' consumer group (each in a host of its own, all in this process).</param>
    /// <param name="isolation">
    /// A name for this run: its topics, consumer groups and Redis keys are its own (see <see cref="PipelineIsolation"/>),
    /// created on a configured cluster when missing. Null: the configured names.
    /// </param>
    /// <exception cref="PipelineFailedException">A stage stopped before the end of the stream.</exception>
    public static async Task<Result> ExecuteAsync(string[] args, string input, Action<FreezeRecommendation>? onAlert = null,
        Action<string>? progress = null, CancellationToken cancel = default, Func<Task>? beforeStop = null, Func<Stream>? openInput = null,
        int scorers = 1, string? isolation = null)
    {
        var limiter = new InFlightLimiter(MaxFillsInFlight);
        var observer = new ReplayObserver(AlerterStage.Name, limiter);
        // A replay judges time by the file alone: the same file gives the same alerts whatever the wall clock.
        var builder = SentinelHost.CreateBuilder(args, new Dictionary<string, string?> { ["Ingest:MaxAheadOfWallClockMs"] = "0", ["Ingest:IdleAfterMs"] = "0" });
        var overrides = isolation is null ? new Dictionary<string, string?>() : PipelineIsolation.Overrides(builder.Configuration, isolation);
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Services.AddSingleton<IStageObserver>(observer);
        builder.Services.AddSingleton<IIngestObserver>(limiter);
        if (cancel.CanBeCanceled) builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        // Disposed last: the pipeline stops first, then the broker and the redis-server it was using.
        using var dev = EmbeddedInfrastructure.Start(builder.Configuration, needsRedis: true);
        builder.Configuration.AddInMemoryCollection(dev.Overrides);
        foreach (var (key, value) in dev.Overrides) overrides[key] = value;
        builder.Services.AddStages(SentinelHost.Stages.All);
        await using var app = builder.Build();
        app.MapSentinelEndpoints(SentinelHost.Stages.All);

        var model = app.Services.GetRequiredService<ModelProvider>().Current; // a missing or wrong model fails here, before any data moves
        if (isolation is not null && dev.Kafka is null) await TopicProvisioner.EnsureAsync(app.Services.GetRequiredService<KafkaClients>());
        var clock = Stopwatch.StartNew();
        await app.StartAsync(cancel);
        var moreScorers = new List<WebApplication>();
        try
        {
            for (var i = 1; i < scorers; i++)
            {
                var scorer = SentinelHost.CreateBuilder(args, overrides);
                if (cancel.CanBeCanceled) scorer.Services.AddSingleton<IHostLifetime, CommandLifetime>();
                scorer.Services.AddStages(SentinelHost.Stages.Scorer);
                moreScorers.Add(scorer.Build());
                await moreScorers[^1].StartAsync(cancel);
            }
            var result = await RunAsync(app, limiter, observer, input, onAlert, progress, cancel, beforeStop, openInput, moreScorers, clock, model.Version);
            await StopAsync(app, moreScorers, CancellationToken.None);
            return result;
        }
        catch
        {
            using var grace = new CancellationTokenSource(StopGrace);
            await StopAsync(app, moreScorers, grace.Token);
            throw;
        }
    }

    private static async Task<Result> RunAsync(WebApplication app, InFlightLimiter limiter, ReplayObserver observer, string input, Action<FreezeRecommendation>? onAlert,
        Action<string>? progress, CancellationToken cancel, Func<Task>? beforeStop, Func<Stream>? openInput, List<WebApplication> moreScorers,
        Stopwatch clock, string modelVersion)
    {
        // A stage that fails stops its host; the run must then fail too, not wait for an end that never comes.
        var hosts = moreScorers.Select(s => s.Lifetime.ApplicationStopping).Prepend(app.Lifetime.ApplicationStopping);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource([cancel, .. hosts]);
        progress?.Invoke($"metrics at {string.Join(", ", app.Urls)}/metrics");
        using var sink = new AlertSink(app.Services.GetRequiredService<KafkaClients>(), onAlert);
        sink.Start();

        var worker = app.Services.GetRequiredService<IngestWorker>();
        var ingest = Task.Factory.StartNew(() =>
        {
            Thread.CurrentThread.Name = "sentinel.ingest";
            using var stream = openInput?.Invoke() ?? InputFiles.Open(input);
            worker.Run(stream, Path.GetFileName(input), stop.Token);
        }, TaskCreationOptions.LongRunning);
        try
        {
            using (var ticker = progress is null ? null : new Timer(_ =>
                progress($"{clock.Elapsed:mm\\:ss} trades ingested {worker.Produced:N0}, fills through the alerter {limiter.Completed:N0}, alerts {sink.Alerts.Count:N0}"),
                null, 1000, 1000))
            {
                // Not awaited beyond the stop: ingest may be blocked reading standard input, where no token reaches.
                await ingest.WaitAsync(stop.Token);
                await observer.EndOfStream.WaitAsync(stop.Token);
            }
            await sink.DrainAsync().WaitAsync(stop.Token);
            var hooks = app.Services.GetRequiredService<HookStage>();
            while (hooks.HasEndpoints && hooks.Handled < sink.Alerts.Count) await Task.Delay(50, stop.Token);
        }
        catch (Exception e) when (!cancel.IsCancellationRequested && (stop.IsCancellationRequested || observer.EndOfStream.IsFaulted))
        {
            throw new PipelineFailedException(e is OperationCanceledException ? null : e);
        }
        var elapsed = clock.Elapsed;
        if (beforeStop is not null) await beforeStop(); // e.g. let Prometheus scrape the final counts
        return new Result(sink.Alerts.ToList(), worker.Produced, worker.Refused, elapsed, modelVersion);
    }

    private static async Task StopAsync(WebApplication app, List<WebApplication> moreScorers, CancellationToken grace)
    {
        foreach (var scorer in moreScorers)
        {
            await scorer.StopAsync(grace);
            await scorer.DisposeAsync();
        }
        await app.StopAsync(grace);
    }
}
