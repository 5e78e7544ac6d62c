using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace TradeSentinel.Infrastructure.Redis;

/// <summary>The process's single <see cref="ConnectionMultiplexer"/>, created on first use.</summary>
public sealed class RedisConnector(IOptions<RedisOptions> options, ILogger<RedisConnector>? logger = null) : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _connection = new(() => Connect(options.Value, logger));

    public RedisOptions Options => options.Value;

    /// <summary>The key schema under this connection's <c>Redis:KeyPrefix</c>.</summary>
    public RedisKeys Keys { get; } = new(options.Value.KeyPrefix);

    public ConnectionMultiplexer Connection => _connection.Value;

    public bool IsConnected => _connection.IsValueCreated && _connection.Value.IsConnected;

    public void Dispose()
    {
        if (_connection.IsValueCreated) _connection.Value.Dispose();
    }

    private static ConnectionMultiplexer Connect(RedisOptions options, ILogger? logger)
    {
        var config = ConfigurationOptions.Parse(options.Configuration
            ?? throw new InvalidOperationException("Redis:Configuration is not set and no embedded redis-server was started."));
        if (options.ResolvePassword() is { Length: > 0 } password) config.Password = password;
        // Keep retrying in the background: an outage pauses the alerter instead of killing it.
        config.AbortOnConnectFail = false;
        config.ConnectRetry = 5;
        // A call without a connection fails at once, with the connection's last failure as its cause,
        // instead of waiting in the client's backlog: RedisRetry is the one place that waits an outage
        // out, and refused credentials stop the stage in moments, however loaded the machine.
        config.BacklogPolicy = BacklogPolicy.FailFast;
        var connection = ConnectionMultiplexer.Connect(config);
        if (logger is not null) WarnIfEvicting(connection, logger);
        return connection;
    }

    /// <summary>
    /// Every key the pipeline writes has a TTL, so any eviction policy but <c>noeviction</c> may drop
    /// alerter windows, alert claims or scorer state under memory pressure, silently. With
    /// <c>noeviction</c> a full Redis answers OOM instead, and the stages wait (see <see cref="RedisRetry"/>).
    /// </summary>
    private static void WarnIfEvicting(ConnectionMultiplexer connection, ILogger logger)
    {
        foreach (var endpoint in connection.GetEndPoints())
        {
            var server = connection.GetServer(endpoint);
            if (!server.IsConnected || server.IsReplica) continue;
            try
            {
                // Through a script: the client refuses INFO and CONFIG outside admin mode, which this process does not enable.
                var info = (string?)server.Execute("EVAL", "return redis.call('INFO', 'memory')", 0) ?? "";
                var policy = info.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("maxmemory_policy:", StringComparison.Ordinal))?[17..];
                if (policy is not null and not "noeviction")
                    logger.LogError("Redis {Endpoint} has maxmemory-policy {Policy}: when full it drops state silently; set maxmemory-policy noeviction",
                        endpoint, policy);
            }
            catch (RedisException)
            {
                // Not answering yet (the stages wait for it), or a service that hides INFO: nothing to check now.
            }
        }
    }
}
