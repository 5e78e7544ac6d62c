using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Redis;
using TradeSentinel.Infrastructure.Telemetry;

namespace TradeSentinel.Tests.Infrastructure;

/// <summary>Redis errors that are not outages, on a real redis-server: each is waited out or stops the stage with its fix.</summary>
public sealed class RedisTroubleTests
{
    [Fact]
    public async Task A_full_redis_under_noeviction_pauses_the_work_until_there_is_room_and_counts_why()
    {
        using var server = EmbeddedRedisServer.Start();
        using var admin = await ConnectionMultiplexer.ConnectAsync($"{server.Configuration},allowAdmin=true");
        var adminServer = admin.GetServer(admin.GetEndPoints()[0]);
        await adminServer.ConfigSetAsync("maxmemory-policy", "noeviction");
        await adminServer.ConfigSetAsync("maxmemory", "1"); // any write is refused: OOM
        using var connector = new RedisConnector(Options.Create(new RedisOptions { Configuration = server.Configuration }));
        using var errors = new CounterRecorder("sentinel.redis.errors", label: "cause");

        var work = Task.Run(() => RedisRetry.UntilDone(() => connector.Connection.GetDatabase().StringSetAsync("k", "v"),
            new SentinelMetrics(), NullLogger.Instance, "test"));
        // However long the first refusal takes on a loaded machine, the work waits behind it.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (errors.Of("out_of_memory") < 1 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True(errors.Of("out_of_memory") >= 1);
        Assert.False(work.IsCompleted); // waiting, not crashed
        await adminServer.ConfigSetAsync("maxmemory", "0");
        await work.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal("v", (string?)await connector.Connection.GetDatabase().StringGetAsync("k"));
    }

    [Fact]
    public async Task Wrong_credentials_stop_the_work_within_seconds_with_the_settings_that_fix_it()
    {
        using var server = EmbeddedRedisServer.Start(password: "right-password");
        using var connector = new RedisConnector(Options.Create(new RedisOptions { Configuration = server.Configuration, Password = "wrong-password" }));

        var stopped = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Task.Run(() => RedisRetry.UntilDone(() => connector.Connection.GetDatabase().StringSetAsync("k", "v"),
                new SentinelMetrics(), NullLogger.Instance, "test")).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains("Redis:Password", stopped.Message);
        Assert.DoesNotContain("wrong-password", stopped.Message);
    }

    [Fact]
    public async Task An_evicting_maxmemory_policy_is_reported_at_connection()
    {
        using var server = EmbeddedRedisServer.Start();
        using (var admin = await ConnectionMultiplexer.ConnectAsync($"{server.Configuration},allowAdmin=true"))
            await admin.GetServer(admin.GetEndPoints()[0]).ConfigSetAsync("maxmemory-policy", "allkeys-lru");
        var logged = new ListLogger();
        using var connector = new RedisConnector(Options.Create(new RedisOptions { Configuration = server.Configuration }), logged);

        _ = connector.Connection;

        Assert.Contains(logged.Lines, l => l.Contains("allkeys-lru") && l.Contains("noeviction"));
    }

    private sealed class ListLogger : ILogger<RedisConnector>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
