using StackExchange.Redis;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Redis;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>Three real redis-server nodes joined into a Redis Cluster by <c>redis-cli --cluster create</c>.</summary>
public sealed class LocalRedisCluster : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-redis-cluster-").FullName;

    public List<EmbeddedRedisServer> Nodes { get; } = [];

    public string Configuration => string.Join(",", Nodes.Select(n => n.Configuration));

    public LocalRedisCluster()
    {
        for (var i = 0; i < 3; i++) Nodes.Add(EmbeddedRedisServer.Start(clusterDir: _dir));
        var created = ExternalTool.Run("redis-cli", ["--cluster", "create", .. Nodes.Select(n => n.Configuration), "--cluster-yes"]);
        if (created.ExitCode != 0) throw new InvalidOperationException($"redis-cli --cluster create failed: {created.Output}");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Nodes.All(n => ExternalTool.Run("redis-cli", ["-p", n.Port.ToString(), "cluster", "info"]).Output.Contains("cluster_state:ok")))
        {
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException("the Redis Cluster did not reach cluster_state:ok");
            Thread.Sleep(200);
        }
    }

    /// <summary>Keys held by each node: a store that really uses the cluster spreads its keys over all of them.</summary>
    public List<long> KeysPerNode() => Nodes.Select(n =>
    {
        using var connection = ConnectionMultiplexer.Connect($"{n.Configuration},allowAdmin=true");
        return connection.GetServer(n.Configuration).DatabaseSize();
    }).ToList();

    public void Dispose()
    {
        foreach (var node in Nodes) node.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
