using Microsoft.Extensions.Configuration;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TradeSentinel.Alerting;
using TradeSentinel.Alerting.Hooks;
using TradeSentinel.Core.Contract;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Streaming;
using TradeSentinel.Ingest;
using TradeSentinel.Scoring;

namespace TradeSentinel.Cli.Hosting;

/// <summary>
/// One whole pipeline in this process, over a file: ingest → Kafka → market → scorer → Redis
/// alerter → alert topic, every hop over the Kafka protocol. What `replay` and `run` share.
/// </summary>
public static class PipelineRun
{
    /// <summary>Fills allowed between ingest and the alerter: keeps the dev broker's ~5 MB partitions from overflowing.</summary>
    private const int MaxFillsInFlight = 16_000;

    public sealed record Result(IReadOnlyList<FreezeRecommendation> Alerts, long Trades, long Refused, TimeSpan Elapsed);

    /// <param name="scorers">Scorer instances in the scorers' consumer group (each in a host of its own, all in this process).</param>
    public static async Task<Result> ExecuteAsync(string[] args, string input, Action<FreezeRecommendation>? onAlert = null,
        Action<string>? progress = null, CancellationToken cancel = default, Func<Task>? beforeStop = null, Func<Stream>? openInput = null,
        int scorers = 1)
    {
        var limiter = new InFlightLimiter(MaxFillsInFlight);
        // A replay judges time by the file alone: the same file gives the same alerts whatever the wall clock.
        var builder = SentinelHost.CreateBuilder(args, new Dictionary<string, string?> { ["Ingest:MaxAheadOfWallClockMs"] = "0", ["Ingest:IdleAfterMs"] = "0" }, limiter);
        using var dev = DevInfrastructure.Start(builder.Configuration, needsRedis: true);
        builder.Configuration.AddInMemoryCollection(dev.Overrides);
        builder.Services.AddStages(SentinelHost.Stages.All);
        await using var app = builder.Build();
        app.MapSentinelEndpoints(SentinelHost.Stages.All);

        _ = app.Services.GetRequiredService<ModelProvider>().Current; // a missing or wrong model fails here, before any data moves
        var clock = Stopwatch.StartNew();
        await app.StartAsync(cancel);
        var moreScorers = new List<WebApplication>();
        for (var i = 1; i < scorers; i++)
        {
            var scorer = SentinelHost.CreateBuilder(args, dev.Overrides);
            scorer.Services.AddStages(SentinelHost.Stages.Scorer);
            moreScorers.Add(scorer.Build());
            await moreScorers[^1].StartAsync(cancel);
        }
        progress?.Invoke($"metrics at {string.Join(", ", app.Urls)}/metrics");
        using var sink = new AlertSink(app.Services.GetRequiredService<KafkaClients>(), onAlert);
        sink.Start();

        var worker = app.Services.GetRequiredService<IngestWorker>();
        var ingest = Task.Factory.StartNew(() =>
        {
            Thread.CurrentThread.Name = "sentinel.ingest";
            using var stream = openInput?.Invoke() ?? InputFiles.Open(input);
            worker.Run(stream, Path.GetFileName(input), cancel);
        }, TaskCreationOptions.LongRunning);
        var alerter = app.Services.GetRequiredService<AlerterStage>();
        using (var ticker = progress is null ? null : new Timer(_ =>
            progress($"{clock.Elapsed:mm\\:ss} trades ingested {worker.Produced:N0}, fills through the alerter {limiter.Completed:N0}, alerts {sink.Alerts.Count:N0}"),
            null, 1000, 1000))
        {
            await ingest;
            // A stage that fails stops the host; the replay must then fail too, not wait for an end that never comes.
            var hostStopped = Task.Delay(Timeout.Infinite, app.Lifetime.ApplicationStopping);
            if (await Task.WhenAny(alerter.EndOfStream, hostStopped).WaitAsync(cancel) != alerter.EndOfStream)
                throw new InvalidOperationException("the pipeline stopped before the end of the stream; the log above says why");
            await alerter.EndOfStream;
        }
        await sink.DrainAsync().WaitAsync(cancel);
        var hooks = app.Services.GetRequiredService<HookStage>();
        while (hooks.HasEndpoints && hooks.Handled < sink.Alerts.Count && !app.Lifetime.ApplicationStopping.IsCancellationRequested)
            await Task.Delay(50, cancel);
        var elapsed = clock.Elapsed;
        if (beforeStop is not null) await beforeStop(); // e.g. let Prometheus scrape the final counts
        foreach (var scorer in moreScorers)
        {
            await scorer.StopAsync(CancellationToken.None);
            await scorer.DisposeAsync();
        }
        await app.StopAsync(CancellationToken.None);
        return new Result(sink.Alerts.ToList(), worker.Produced, worker.Refused, elapsed);
    }
}
