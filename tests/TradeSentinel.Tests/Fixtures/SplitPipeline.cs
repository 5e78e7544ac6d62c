using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TradeSentinel.Alerting;
using TradeSentinel.Cli.Hosting;
using TradeSentinel.Core.Contract;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Redis;
using TradeSentinel.Ingest;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>
/// The pipeline with its scorer in separate hosts on one test-owned broker and redis-server, so a
/// test can stop, replace or add scorer instances mid-stream.
/// </summary>
public sealed class SplitPipeline : IAsyncDisposable
{
    private readonly List<WebApplication> _scorers = [];
    private WebApplication _rest = null!;
    private AlertSink _sink = null!;

    public EmbeddedKafkaCluster Broker { get; } = new();
    public EmbeddedRedisServer Redis { get; } = EmbeddedRedisServer.Start();
    public IReadOnlyList<FreezeRecommendation> Alerts => _sink.Alerts;
    public IReadOnlyList<WebApplication> Scorers => _scorers;

    private Dictionary<string, string?> Settings => new()
    {
        ["Kafka:BootstrapServers"] = Broker.BootstrapServers,
        ["Redis:Configuration"] = Redis.Configuration,
        ["Scoring:ModelPath"] = TrainedModel.Shared.Path,
    };

    public static async Task<SplitPipeline> StartAsync()
    {
        var pipeline = new SplitPipeline();
        foreach (var topic in new TopicNames().All) pipeline.Broker.CreateTopic(topic, 6);
        pipeline._rest = await pipeline.Host(SentinelHost.Stages.Market | SentinelHost.Stages.Alerter);
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

    public async Task StopScorerAsync(WebApplication scorer)
    {
        _scorers.Remove(scorer);
        await scorer.StopAsync();
        await scorer.DisposeAsync();
    }

    public Task IngestAsync(string input) => Task.Run(() =>
    {
        using var stream = InputFiles.Open(input);
        _rest.Services.GetRequiredService<IngestWorker>().Run(stream, Path.GetFileName(input), CancellationToken.None);
    });

    public async Task WaitForAlertsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (_sink.Alerts.Count < count && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(_sink.Alerts.Count >= count, $"only {_sink.Alerts.Count} alerts before the deadline");
    }

    public async Task FinishAsync()
    {
        await _rest.Services.GetRequiredService<AlerterStage>().EndOfStream.WaitAsync(TimeSpan.FromSeconds(120));
        await _sink.DrainAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public static List<string> Ids(IEnumerable<FreezeRecommendation> alerts) =>
        alerts.Select(a => $"{a.AlertId}@{a.Ts}").Order(StringComparer.Ordinal).ToList();

    private async Task<WebApplication> Host(SentinelHost.Stages stages)
    {
        var builder = SentinelHost.CreateBuilder([], Settings);
        builder.Services.AddStages(stages);
        var app = builder.Build();
        await app.StartAsync();
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        _sink.Dispose();
        foreach (var scorer in _scorers) await scorer.DisposeAsync();
        await _rest.DisposeAsync();
        Redis.Dispose();
        Broker.Dispose();
    }
}
