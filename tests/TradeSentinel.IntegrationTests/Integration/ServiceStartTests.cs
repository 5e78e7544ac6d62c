using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Integration;

/// <summary>
/// Production by default: a service started without its cluster or Redis must fail at once with the
/// settings it needs, not look healthy and do nothing; only the tools' --dev supplies embedded ones.
/// </summary>
public sealed class ServiceStartTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("scorer", "Kafka:BootstrapServers")]
    [InlineData("ingest", "Kafka:BootstrapServers")]
    public void A_service_without_a_cluster_exits_non_zero_naming_the_setting(string stage, string setting)
    {
        using var service = SentinelCommand.Service(stage, "--Kafka:BootstrapServers", "");
        Assert.True(service.WaitForExit(Within), "the service kept running without a cluster");
        Assert.Equal(2, service.ExitCode);
        Assert.Contains(setting, service.Output);
        Assert.Contains("--dev", service.Output);
    }

    [Fact]
    public void A_stateful_stage_without_redis_names_the_redis_setting()
    {
        using var service = SentinelCommand.Service("alerter", "--Kafka:BootstrapServers", "127.0.0.1:1", "--Redis:Configuration", "");
        Assert.True(service.WaitForExit(Within));
        Assert.Equal(2, service.ExitCode);
        Assert.Contains("Redis:Configuration", service.Output);
        Assert.DoesNotContain("Kafka:BootstrapServers", service.Output);
    }

    [Fact]
    public void The_service_binary_has_no_dev_mode_and_no_other_commands()
    {
        using var dev = SentinelCommand.Service("scorer", "--dev");
        Assert.True(dev.WaitForExit(Within));
        Assert.Equal(2, dev.ExitCode);
        Assert.Contains("sentinel scorer --dev", dev.Output);

        using var replay = SentinelCommand.Service("replay");
        Assert.True(replay.WaitForExit(Within));
        Assert.Equal(2, replay.ExitCode);
        Assert.Contains("usage: sentinel-service", replay.Output);
    }

    [Fact]
    public async Task The_tools_dev_flag_runs_a_stage_on_embedded_infrastructure_and_says_where()
    {
        using var market = new SentinelCommand("market", "--dev");
        Assert.True(await market.WaitForOutputAsync("market started", Within), market.Output);
        Assert.Matches(@"on http://127\.0\.0\.1:\d+", market.Output);
        market.SignalGroup(SentinelCommand.Sigterm);
        Assert.True(market.WaitForExit(Within), market.Output);
    }
}
