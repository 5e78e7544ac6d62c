using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Telemetry;
using TradeSentinel.Service.Hosting;
using TradeSentinel.Tests.Fixtures;
using TradeSentinel.Tools.Hosting;

namespace TradeSentinel.Tests.Integration;

// In the pipeline collection: the counts it records would otherwise land in the counters the
// pipeline tests assert on, which listen to the same process-wide meter.
[Collection(PipelineCollection.Name)]
public class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_are_served_in_prometheus_format_with_low_cardinality_labels()
    {
        var builder = SentinelHost.CreateBuilder([], new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = "127.0.0.1:1" });
        await using var app = builder.Build();
        app.MapSentinelEndpoints(SentinelHost.Stages.None);
        await app.StartAsync();
        var metrics = app.Services.GetRequiredService<SentinelMetrics>();
        metrics.TradesIngested.Add(3);
        metrics.DeadLetters.Add(2, new TagList { { "stage", "ingest" }, { "reason", "invalid_json" } });
        metrics.Alerts.Add(1, new TagList { { "action", "revoke_api_key" }, { "severity", "critical" } });

        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var text = await http.GetStringAsync("/metrics");
        Assert.Contains("sentinel_trades_ingested_total 3", text.Replace("{otel_scope_name=\"TradeSentinel\"}", ""));
        Assert.Matches("sentinel_dead_letters_total\\{[^}]*reason=\"invalid_json\"[^}]*\\} 2", text);
        Assert.Matches("sentinel_alerts_total\\{[^}]*action=\"revoke_api_key\"[^}]*severity=\"critical\"[^}]*\\} 1", text);
        Assert.Equal("alive", (await http.GetStringAsync("/healthz")).Trim('"'));
        await app.StopAsync();
    }

    [Fact]
    public async Task Readiness_requires_a_reachable_kafka_cluster()
    {
        using var broker = new EmbeddedKafkaCluster();
        Assert.Equal(HttpStatusCode.OK, await ReadyzAsync(broker.BootstrapServers));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await ReadyzAsync("127.0.0.1:1"));
    }

    [Fact]
    public async Task Readiness_says_why_it_is_not_ready()
    {
        var builder = SentinelHost.CreateBuilder([], new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "127.0.0.1:1",
            ["Scoring:ModelPath"] = Path.Combine(Path.GetTempPath(), $"no-model-{Guid.NewGuid():N}.zip"),
        });
        builder.Services.AddStageHealthChecks(SentinelHost.Stages.Scorer);
        await using var app = builder.Build();
        app.MapSentinelEndpoints(SentinelHost.Stages.None);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var response = await http.GetAsync("/readyz");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("kafka: the Kafka cluster does not answer (Kafka:BootstrapServers)", body);
        Assert.Contains("model: no model loaded yet (Scoring:ModelPath)", body);
        await app.StopAsync();
    }

    [Fact]
    public async Task Liveness_fails_when_a_stage_has_stopped()
    {
        var builder = SentinelHost.CreateBuilder([], new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = "127.0.0.1:1" });
        builder.Services.AddHostedService<StageThatEnds>();
        await using var app = builder.Build();
        app.MapSentinelEndpoints(SentinelHost.Stages.None);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var response = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("not alive: stages: StageThatEnds stopped", await response.Content.ReadAsStringAsync());
        await app.StopAsync();
    }

    [Fact]
    public void A_setting_out_of_range_stops_the_host_at_start_naming_it()
    {
        var builder = SentinelHost.CreateBuilder([], new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "127.0.0.1:1",
            ["Alerting:AppMinShare"] = "1.5",
        });
        using var app = builder.Build();
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => app.StartAsync().GetAwaiter().GetResult());
        Assert.Contains("AppMinShare", error.Message);
    }

    private sealed class StageThatEnds : Microsoft.Extensions.Hosting.BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }

    private static async Task<HttpStatusCode> ReadyzAsync(string bootstrap)
    {
        var builder = SentinelHost.CreateBuilder([], new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = bootstrap });
        await using var app = builder.Build();
        app.MapSentinelEndpoints(SentinelHost.Stages.None);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var status = (await http.GetAsync("/readyz")).StatusCode;
        await app.StopAsync();
        return status;
    }
}
