using System.Diagnostics;
using StackExchange.Redis;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Redis;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Integration;

/// <summary>Every command ends: on Ctrl-C, on SIGTERM, and when one of its stages fails, within seconds, stopping what it started.</summary>
[Collection(PipelineCollection.Name)]
public sealed class CommandStopTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-stop-").FullName;

    private string AlertsFile => Path.Combine(_dir, "alerts.jsonl");

    [Fact]
    public async Task Ctrl_C_on_a_running_replay_stops_it_within_seconds_and_its_embedded_redis_server_after_it()
    {
        using var replay = new SentinelCommand("replay", "--input", "-", "--output", AlertsFile, "--Scoring:ModelPath", TrainedModel.Shared.Path);
        // The stream never ends while standard input stays open: the signal lands with work remaining.
        foreach (var line in AttackStretch.Lines()) await replay.Input.WriteLineAsync(line);
        await replay.Input.FlushAsync();
        Assert.True(await replay.WaitForOutputAsync("no freeze hooks configured", TimeSpan.FromSeconds(60)), replay.Output);
        var redis = Assert.Single(replay.Children("redis-server"));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(replay.HasExited, replay.Output);

        var clock = Stopwatch.StartNew();
        replay.SignalGroup(SentinelCommand.Sigint); // what a terminal sends on Ctrl-C
        Assert.True(replay.WaitForExit(TimeSpan.FromSeconds(15)), $"still running {clock.Elapsed} after SIGINT:\n{replay.Output}");
        Assert.Equal(130, replay.ExitCode);
        Assert.False(SentinelCommand.IsRunning(redis), "the embedded redis-server was stopped with the command");
        // Redis was not hit by the Ctrl-C itself: the stages stopped while it still answered.
        Assert.DoesNotContain("Redis unavailable", replay.Output);
        Assert.False(File.Exists(AlertsFile), "an interrupted replay writes no alert file");
    }

    [Fact]
    public async Task A_replay_whose_stage_fails_exits_non_zero_within_seconds_instead_of_waiting_for_the_end_of_the_stream()
    {
        // A Redis that refuses every write and script (NOPERM) is no outage: the scorer and the alerter stop on it.
        using var redis = EmbeddedRedisServer.Start();
        using (var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration))
            await admin.GetDatabase().ExecuteAsync("ACL", "SETUSER", "default", "-@write", "-@scripting");
        // The whole classic sample: ten times what the in-flight limit lets ingest run ahead, so a stage
        // that stops early leaves ingest waiting for fills that will never complete.
        using var replay = new SentinelCommand("replay", "--input", RepoPaths.Sample("classic.trades.jsonl.gz"), "--output", AlertsFile,
            "--Scoring:ModelPath", TrainedModel.Shared.Path, "--Redis:Configuration", redis.Configuration);

        Assert.True(await replay.WaitForOutputAsync("NOPERM", TimeSpan.FromSeconds(180)), replay.Output);
        var clock = Stopwatch.StartNew();
        Assert.True(replay.WaitForExit(TimeSpan.FromSeconds(20)), $"still running {clock.Elapsed} after a stage failed:\n{replay.Output}");
        Assert.Equal(1, replay.ExitCode);
        Assert.Contains("sentinel: the pipeline stopped before the end of the stream", replay.Output);
        Assert.False(File.Exists(AlertsFile));
        Assert.Empty(replay.Children("redis-server"));
    }

    [Fact]
    public async Task A_scorer_whose_broker_and_redis_are_gone_honours_SIGTERM_within_seconds()
    {
        using var broker = new EmbeddedKafkaCluster();
        foreach (var topic in new TopicNames().All) broker.CreateTopic(topic, 6);
        using var redis = EmbeddedRedisServer.Start();
        string[] settings = ["--Kafka:BootstrapServers", broker.BootstrapServers, "--Scoring:ModelPath", TrainedModel.Shared.Path,
            "--Redis:Configuration", $"{redis.Configuration},connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000"];
        using var market = new SentinelCommand(["market", .. settings]);
        using var scorer = new SentinelCommand(["scorer", .. settings]);
        using var ingest = new SentinelCommand(["ingest", "--input", RepoPaths.Sample("classic.trades.jsonl.gz"), .. settings]);
        using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration))
        {
            // The scorer is at work once it saves account state; the sample keeps it busy for several seconds more.
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (await connection.GetServers()[0].DatabaseSizeAsync() == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        }
        // Redis first, while fills still arrive (so the scorer is surely retrying it), then the broker.
        redis.Kill();
        Assert.True(await scorer.WaitForOutputAsync("Redis unavailable", TimeSpan.FromSeconds(30)), scorer.Output);
        broker.Dispose();

        var clock = Stopwatch.StartNew();
        scorer.Signal(SentinelCommand.Sigterm);
        Assert.True(scorer.WaitForExit(TimeSpan.FromSeconds(12)), $"still running {clock.Elapsed} after SIGTERM:\n{scorer.Output}");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
