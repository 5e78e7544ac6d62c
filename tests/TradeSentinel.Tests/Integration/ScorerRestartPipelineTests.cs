using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TradeSentinel.Alerting;
using TradeSentinel.Cli.Hosting;
using TradeSentinel.Core.Contract;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Redis;
using TradeSentinel.Ingest;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Integration;

/// <summary>
/// The scorer stopped mid-replay and a new instance started in its place (same consumer group, same
/// Redis): the recommendations equal those of an undisturbed run, none lost, none doubled. That the
/// restored state gives identical features is proven at the feature level by ScorerRestartTests.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ScorerRestartPipelineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-restart-").FullName;

    private string AttackStretch()
    {
        var path = Path.Combine(_dir, "stretch.jsonl");
        using var input = new StreamReader(new GZipStream(File.OpenRead(RepoPaths.Sample("classic.trades.jsonl.gz")), CompressionMode.Decompress));
        var lines = new List<string>();
        while (input.ReadLine() is { } line) lines.Add(line);
        File.WriteAllLines(path, lines.Skip(44_000).Take(8_000));
        return path;
    }

    [Fact]
    public async Task A_scorer_replaced_mid_stream_changes_no_recommendation()
    {
        var input = AttackStretch();
        var undisturbed = await PipelineRun.ExecuteAsync(["--Scoring:ModelPath", TrainedModel.Shared.Path], input);
        Assert.NotEmpty(undisturbed.Alerts);

        using var broker = new EmbeddedKafkaCluster();
        foreach (var topic in new TopicNames().All) broker.CreateTopic(topic, 6);
        using var redis = EmbeddedRedisServer.Start();
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = broker.BootstrapServers,
            ["Redis:Configuration"] = redis.Configuration,
            ["Scoring:ModelPath"] = TrainedModel.Shared.Path,
        };
        await using var rest = await Start(settings, SentinelHost.Stages.Market | SentinelHost.Stages.Alerter);
        var firstScorer = await Start(settings, SentinelHost.Stages.Scorer);
        using var sink = new AlertSink(rest.Services.GetRequiredService<KafkaClients>());
        sink.Start();

        var worker = rest.Services.GetRequiredService<IngestWorker>();
        var ingest = Task.Run(() =>
        {
            using var stream = InputFiles.Open(input);
            worker.Run(stream, "stretch.jsonl", CancellationToken.None);
        });
        // Stop the scorer once the attack is under way, then start a new one in its place.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (sink.Alerts.Count < 3 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(sink.Alerts.Count >= 3, "the attack never started before the restart");
        await firstScorer.StopAsync();
        await firstScorer.DisposeAsync();
        await using var secondScorer = await Start(settings, SentinelHost.Stages.Scorer);

        await ingest;
        await rest.Services.GetRequiredService<AlerterStage>().EndOfStream.WaitAsync(TimeSpan.FromSeconds(120));
        await sink.DrainAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(sink.Alerts.Count < undisturbed.Alerts.Count + 1, "the restart left work undone or doubled");
        Assert.Equal(Ids(undisturbed.Alerts), Ids(sink.Alerts));
    }

    private static async Task<WebApplication> Start(Dictionary<string, string?> settings, SentinelHost.Stages stages)
    {
        var builder = SentinelHost.CreateBuilder([], settings);
        builder.Services.AddStages(stages);
        var app = builder.Build();
        await app.StartAsync();
        return app;
    }

    private static List<string> Ids(IEnumerable<FreezeRecommendation> alerts) =>
        alerts.Select(a => $"{a.AlertId}@{a.Ts}").Order(StringComparer.Ordinal).ToList();

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
