using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Redis;
using TradeSentinel.Infrastructure.Telemetry;
using TradeSentinel.Tests.Fixtures;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tests.Integration;

/// <summary>Redis killed mid-replay and restarted from its append-only file: the stages pause, then the alert set equals an undisturbed run.</summary>
[Collection(PipelineCollection.Name)]
public sealed class RedisOutageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-outage-").FullName;

    [Fact]
    public async Task Killing_redis_mid_stream_pauses_alerting_and_loses_or_doubles_nothing()
    {
        var input = AttackStretch.WriteTo(_dir);
        string[] model = ["--Scoring:ModelPath", TrainedModel.Shared.Path];
        var undisturbed = await UndisturbedStretch.AlertsAsync();
        Assert.True(undisturbed.Count > 5);

        var dataDir = Directory.CreateDirectory(Path.Combine(_dir, "redis")).FullName;
        var redis = EmbeddedRedisServer.Start(dataDir: dataDir);
        var port = redis.Port;
        using var redisErrors = new CounterRecorder("sentinel.redis.errors");

        // Killed as soon as the scorer has saved its first state: the stages still have most of their Redis work ahead.
        var outage = Task.Run(async () =>
        {
            using (var watcher = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Configuration))
                while ((long)await watcher.GetDatabase().ExecuteAsync("DBSIZE") == 0) await Task.Delay(10);
            redis.Kill();
            await Task.Delay(TimeSpan.FromSeconds(3));
            redis = EmbeddedRedisServer.Start(port, dataDir);
        });
        var disturbed = await PipelineRun.ExecuteAsync([.. model, "--Redis:Configuration", $"127.0.0.1:{port},connectTimeout=500,syncTimeout=1000,asyncTimeout=1000"], input);
        await outage;
        redis.Dispose();

        Assert.True(redisErrors.Total > 0, "the outage was never noticed: the test did not exercise it");
        Assert.Equal(AlertRecords.Json(undisturbed), AlertRecords.Json(disturbed.Alerts));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
