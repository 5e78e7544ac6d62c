using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TradeSentinel.AnalystConsole;
using TradeSentinel.AnalystConsole.Board;
using TradeSentinel.Core.Contract;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Service.Hosting;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>
/// The analyst console on a dev broker and a redis-server of its own, signed in with the dev
/// accounts, optionally following the classic sample through the whole pipeline into them.
/// </summary>
public sealed class ConsoleRig : IAsyncDisposable
{
    public EmbeddedKafkaCluster Broker { get; } = new();
    public LocalRedis Redis { get; } = new();
    public WebApplication App { get; private set; } = null!;
    public string Url => App.Urls.First();
    public PipelineRun.Result? Replay { get; private set; }
    public ConsoleBoard Board => App.Services.GetRequiredService<ConsoleBoard>();

    /// <summary>Where the pipeline and the console find the broker and Redis.</summary>
    public string[] ServerArgs =>
    [
        "--Kafka:BootstrapServers", Broker.BootstrapServers, "--Kafka:FetchWaitMaxMs", EmbeddedKafkaCluster.FetchWaitMaxMs.ToString(),
        "--Redis:Configuration", Redis.Server.Configuration,
    ];

    public static async Task<ConsoleRig> StartAsync(bool replayClassic)
    {
        var rig = new ConsoleRig();
        rig.Broker.CreatePipelineTopics(3);
        rig.App = ConsoleApp.Build([.. rig.ServerArgs, "--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string?> { ["Console:AccountsFile"] = ConsoleApp.DevAccountsFile });
        await rig.App.StartAsync();
        // Live, as in production: the dev broker keeps only the last ~5 MB of a partition, so a console
        // started after the replay would miss the sample's early trades.
        if (replayClassic) rig.Replay = await PipelineRun.ExecuteAsync([.. rig.ServerArgs, "--Scoring:ModelPath", TrainedModel.Shared.Path], RepoPaths.Sample("classic.trades.jsonl.gz"));
        var expected = rig.Replay?.Alerts.Count ?? 0;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(rig.Board.CaughtUp && rig.Board.RecommendationCount >= expected) && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(rig.Board.CaughtUp, "the console did not read the topics within 60 s");
        return rig;
    }

    /// <summary>Every decision on the decision topic, read from its beginning.</summary>
    public List<(string Key, AnalystDecision Decision, string Json)> Decisions()
    {
        var kafka = Broker.Clients();
        var config = kafka.Consumer($"test.{Guid.NewGuid():N}");
        config.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        var topic = kafka.Options.Topics.Decisions;
        var partitions = Enumerable.Range(0, TopicProvisioner.PartitionCount(kafka, topic)).Select(p => new TopicPartition(topic, p)).ToList();
        var ends = partitions.ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var read = new List<(string, AnalystDecision, string)>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (ends.Any(e => e.Value > 0 && consumer.Position(e.Key).Value < e.Value) && DateTime.UtcNow < deadline)
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } record)
            {
                Assert.True(DecisionRecord.TryRead(record.Message.Value, out var decision), "an unreadable decision record");
                read.Add((record.Message.Key, decision, System.Text.Encoding.UTF8.GetString(record.Message.Value)));
            }
        consumer.Close();
        return read;
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
        Redis.Dispose();
        Broker.Dispose();
    }
}
