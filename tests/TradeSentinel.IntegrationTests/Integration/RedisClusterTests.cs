using TradeSentinel.Tests.Fixtures;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tests.Integration;

/// <summary>The alerter's windows and claims and the scorer's state on a real Redis Cluster, by configuration alone.</summary>
[Collection(PipelineCollection.Name)]
public sealed class RedisClusterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-cluster-").FullName;

    [Fact]
    public async Task A_replay_against_a_redis_cluster_raises_the_alerts_of_a_single_redis_with_keys_on_every_node()
    {
        using var cluster = new LocalRedisCluster();
        var run = await PipelineRun.ExecuteAsync(
            ["--Scoring:ModelPath", TrainedModel.Shared.Path, "--Redis:Configuration", cluster.Configuration], AttackStretch.WriteTo(_dir));

        var single = await UndisturbedStretch.AlertsAsync();
        Assert.NotEmpty(single);
        Assert.Equal(AlertRecords.Json(single), AlertRecords.Json(run.Alerts));
        Assert.All(cluster.KeysPerNode(), keys => Assert.True(keys > 0, "every node holds part of the state"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
