using Microsoft.Extensions.Configuration;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Redis;

namespace TradeSentinel.DevInfrastructure;

/// <summary>
/// The embedded defaults: when no Kafka or Redis is configured, start the in-memory mock Kafka
/// cluster (topics created) and a loopback redis-server, and point the configuration at them.
/// </summary>
public sealed class EmbeddedInfrastructure : IDisposable
{
    public EmbeddedKafkaCluster? Kafka { get; private set; }
    public EmbeddedRedisServer? Redis { get; private set; }

    /// <summary>Configuration overrides naming the started servers (empty when both are configured).</summary>
    public Dictionary<string, string?> Overrides { get; } = [];

    public static EmbeddedInfrastructure Start(IConfiguration configuration, bool needsRedis)
    {
        var dev = new EmbeddedInfrastructure();
        var kafka = configuration.GetSection(KafkaOptions.Section).Get<KafkaOptions>() ?? new KafkaOptions();
        if (string.IsNullOrEmpty(kafka.BootstrapServers))
        {
            dev.Kafka = new EmbeddedKafkaCluster();
            foreach (var topic in kafka.Topics.All) dev.Kafka.CreateTopic(topic, kafka.Partitions);
            dev.Overrides[$"{KafkaOptions.Section}:BootstrapServers"] = dev.Kafka.BootstrapServers;
            dev.Overrides[$"{KafkaOptions.Section}:{nameof(KafkaOptions.FetchWaitMaxMs)}"] = EmbeddedKafkaCluster.FetchWaitMaxMs.ToString();
        }
        var redis = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (needsRedis && string.IsNullOrEmpty(redis.Configuration))
        {
            dev.Redis = EmbeddedRedisServer.Start(password: redis.ResolvePassword());
            dev.Overrides[$"{RedisOptions.Section}:Configuration"] = dev.Redis.Configuration;
        }
        return dev;
    }

    /// <summary>Starts what <paramref name="configuration"/> leaves unset and points it there (a service's <c>--dev</c>).</summary>
    public static IDisposable StartFor(ConfigurationManager configuration, bool needsRedis)
    {
        var servers = Start(configuration, needsRedis);
        configuration.AddInMemoryCollection(servers.Overrides);
        return servers;
    }

    public void Dispose()
    {
        Kafka?.Dispose();
        Redis?.Dispose();
    }
}
