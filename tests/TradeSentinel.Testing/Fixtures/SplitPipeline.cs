using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TradeSentinel.Alerting;
using TradeSentinel.Core.Contract;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Redis;
using TradeSentinel.Infrastructure.Streaming;
using TradeSentinel.Ingest;
using TradeSentinel.Service.Hosting;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>
/// The pipeline with its scorer in separate hosts (or processes) on one test-owned broker and
/// redis-server, so a test can stop, kill, replace or add scorer instances mid-stream; the alerter
/// can run as a process of its own too.
/// </summary>
public sealed class SplitPipeline : IAsyncDisposable
{
    private readonly List<WebApplication> _scorers = [];
    private readonly List<StageProcess> _processes = [];
    private bool _alerterInProcess = true;
    private WebApplication _rest = null!;
    private readonly ReplayObserver _observer = new(AlerterStage.Name);
    private AlertSink _sink = null!;

    public EmbeddedKafkaCluster Broker { get; } = new();
    public EmbeddedRedisServer Redis { get; } = EmbeddedRedisServer.Start();
    public IReadOnlyList<FreezeRecommendation> Alerts => _sink.Alerts;
    public IReadOnlyList<WebApplication> Scorers => _scorers;

    /// <summary>The alerter's process, when it runs as one (the first one started).</summary>
    public StageProcess? Alerter { get; private set; }

    private Dictionary<string, string?> Settings => new()
    {
        ["Kafka:BootstrapServers"] = Broker.BootstrapServers,
        ["Kafka:SessionTimeoutMs"] = "6000", // a killed member's partitions move on within seconds
        ["Redis:Configuration"] = Redis.Configuration,
        ["Scoring:ModelPath"] = TrainedModel.Shared.Path,
    };

    /// <summary>The market stage's process, when it runs as one (the first one started).</summary>
    public StageProcess? Market { get; private set; }

    public static async Task<SplitPipeline> StartAsync(bool alerterAsProcess = false, bool marketAsProcess = false)
    {
        var pipeline = new SplitPipeline { _alerterInProcess = !alerterAsProcess };
        foreach (var topic in new TopicNames().All) pipeline.Broker.CreateTopic(topic, 6);
        pipeline._rest = await pipeline.Host((alerterAsProcess ? 0 : SentinelHost.Stages.Alerter) | (marketAsProcess ? 0 : SentinelHost.Stages.Market));
        if (alerterAsProcess) pipeline.Alerter = pipeline.StartProcess("alerter");
        if (marketAsProcess) pipeline.Market = pipeline.StartProcess("market");
        pipeline._sink = new AlertSink(pipeline._rest.Services.GetRequiredService<KafkaClients>());
        pipeline._sink.Start();
        return pipeline;
    }

    public async Task<WebApplication> AddScorerAsync()
    {
        var scorer = await Host(SentinelHost.Stages.Scorer);
        _scorers.Add(scorer);
        return scorer;
    }

    /// <summary>Starts <c>sentinel {stage}</c> as its own process on this pipeline's broker and Redis.</summary>
    public StageProcess StartProcess(string stage)
    {
        var process = new StageProcess(stage, Settings);
        _processes.Add(process);
        return process;
    }

    public async Task StopScorerAsync(WebApplication scorer)
    {
        _scorers.Remove(scorer);
        await scorer.StopAsync();
        await scorer.DisposeAsync();
    }

    /// <param name="resume">When given, the feed stops halfway through the file until it completes.</param>
    public Task IngestAsync(string input, Task? resume = null) => Task.Run(() =>
    {
        using var stream = resume is null ? InputFiles.Open(input) : new PausingStream(InputFiles.Open(input), new FileInfo(input).Length / 2, resume);
        _rest.Services.GetRequiredService<IngestWorker>().Run(stream, Path.GetFileName(input), CancellationToken.None);
    });

    public async Task WaitForAlertsAsync(int count, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (_sink.Alerts.Count < count && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(_sink.Alerts.Count >= count, $"only {_sink.Alerts.Count} alerts before the deadline");
    }

    /// <summary>
    /// Waits for the end of the stream. An alerter in another process cannot be asked, so then the
    /// run is over once <paramref name="expectedAlerts"/> arrived and nothing more came for 3 s.
    /// </summary>
    public async Task FinishAsync(int expectedAlerts = 0)
    {
        if (_alerterInProcess)
            await _observer.EndOfStream.WaitAsync(TimeSpan.FromSeconds(120));
        else
        {
            await WaitForAlertsAsync(expectedAlerts, TimeSpan.FromSeconds(120));
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        await _sink.DrainAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    private async Task<WebApplication> Host(SentinelHost.Stages stages)
    {
        var builder = SentinelHost.CreateBuilder([], Settings);
        builder.Services.AddSingleton<IStageObserver>(_observer);
        builder.Services.AddStages(stages);
        var app = builder.Build();
        await app.StartAsync();
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        _sink.Dispose();
        foreach (var process in _processes) process.Dispose();
        foreach (var scorer in _scorers) await scorer.DisposeAsync();
        await _rest.DisposeAsync();
        Redis.Dispose();
        Broker.Dispose();
    }
}
