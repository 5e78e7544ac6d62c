using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace TradeSentinel.Infrastructure.Redis;

/// <summary>The process's single <see cref="ConnectionMultiplexer"/>, created on first use.</summary>
public sealed class RedisConnector(IOptions<RedisOptions> options) : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _connection = new(() => Connect(options.Value));

    public RedisOptions Options => options.Value;

    public ConnectionMultiplexer Connection => _connection.Value;

    public bool IsConnected => _connection.IsValueCreated && _connection.Value.IsConnected;

    public void Dispose()
    {
        if (_connection.IsValueCreated) _connection.Value.Dispose();
    }

    private static ConnectionMultiplexer Connect(RedisOptions options)
    {
        var config = ConfigurationOptions.Parse(options.Configuration
            ?? throw new InvalidOperationException("Redis:Configuration is not set and no embedded redis-server was started."));
        if (options.ResolvePassword() is { Length: > 0 } password) config.Password = password;
        // Keep retrying in the background: an outage pauses the alerter instead of killing it.
        config.AbortOnConnectFail = false;
        config.ConnectRetry = 5;
        return ConnectionMultiplexer.Connect(config);
    }
}
