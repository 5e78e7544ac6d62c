using Microsoft.Extensions.Options;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Redis;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>A real redis-server of the test's own, and a connection to it.</summary>
public sealed class LocalRedis : IDisposable
{
    public EmbeddedRedisServer Server { get; } = EmbeddedRedisServer.Start();
    public RedisConnector Connector { get; }

    public LocalRedis() => Connector = new RedisConnector(Options.Create(new RedisOptions { Configuration = Server.Configuration }));

    public void Dispose()
    {
        Connector.Dispose();
        Server.Dispose();
    }
}
