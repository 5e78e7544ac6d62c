using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using TradeSentinel.Core.Contract;
using TradeSentinel.Infrastructure.Telemetry;
using TradeSentinel.Service.Hosting;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Telemetry;

/// <summary>What an operator's Prometheus reads from a service before and while it works.</summary>
[Collection(PipelineCollection.Name)]
public sealed class OperatorMetricsTests
{
    [Fact]
    public async Task Every_recommendation_series_exists_at_zero_before_the_first_recommendation()
    {
        var text = await ScrapeAsync(SentinelHost.Stages.Alerter, _ => { });
        foreach (var action in new[] { AlertActions.FreezeAccount, AlertActions.RevokeApiKey, AlertActions.RevokeAppKeys })
            foreach (var severity in AlertSeverities.Ordered)
                Assert.Matches($"sentinel_alerts_total\\{{[^}}]*action=\"{action}\"[^}}]*severity=\"{severity}\"[^}}]*\\}} 0\\b", text);
        Assert.Matches("sentinel_dead_letters_total\\{[^}]*reason=\"undecodable\"[^}]*stage=\"alerter\"[^}]*\\} 0\\b", text);
        Assert.Matches("sentinel_redis_errors_total\\{[^}]*cause=\"out_of_memory\"[^}]*stage=\"alerter\"[^}]*\\} 0\\b", text);
        Assert.Matches("sentinel_alert_reasons_total\\{[^}]*code=\"paid_confirmed_beneficiary\"[^}]*\\} 0\\b", text);
        // Only the hosted stage's series: a market-only counter would be a line no dashboard should sum.
        Assert.DoesNotContain("sentinel_fills_produced_total", text);
    }

    [Fact]
    public async Task An_ingest_process_counts_from_zero_and_a_stage_input_reports_its_losses_from_zero()
    {
        var text = await ScrapeAsync(SentinelHost.Stages.None, m => m.SetLag("scorer", "sentinel.fills", 3, 12));
        Assert.Matches("sentinel_trades_ingested_total(\\{[^}]*\\})? 0\\b", text);
        Assert.Matches("sentinel_dead_letters_total\\{[^}]*reason=\"duplicate_trade\"[^}]*stage=\"ingest\"[^}]*\\} 0\\b", text);
        Assert.Matches("sentinel_records_skipped_total\\{[^}]*stage=\"scorer\"[^}]*topic=\"sentinel.fills\"[^}]*\\} 0\\b", text);
    }

    [Fact]
    public async Task Each_stage_reports_how_far_its_event_time_is_behind_the_wall_clock()
    {
        var text = await ScrapeAsync(SentinelHost.Stages.Scorer, m =>
        {
            m.SetWatermark("scorer", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 90_000);
            // The end of a replay is no time. (A stage name of its own: other tests' stages in this process share the meter.)
            m.SetWatermark("ended-stage", long.MaxValue);
            m.AllowedLateness = TimeSpan.FromMilliseconds(2_500);
        });
        var lag = double.Parse(Regex.Match(text, "sentinel_stage_event_time_lag_seconds\\{[^}]*stage=\"scorer\"[^}]*\\} (\\S+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(lag, 90, 120);
        Assert.DoesNotMatch("sentinel_stage_event_time_lag_seconds\\{[^}]*stage=\"ended-stage\"", text);
        Assert.Matches("sentinel_ingest_allowed_lateness_seconds(\\{[^}]*\\})? 2.5\\b", text);
    }

    [Fact]
    public async Task Runtime_and_process_metrics_are_served_beside_the_pipeline_metrics()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddRuntimeAndProcessMetrics().AddPrometheusExporter());
        await using var app = builder.Build();
        app.MapPrometheusScrapingEndpoint();
        await app.StartAsync();
        GC.Collect();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var text = await http.GetStringAsync("/metrics");
        await app.StopAsync();
        foreach (var series in new[] { "dotnet_gc_collections_total", "dotnet_thread_pool_queue_length", "dotnet_process_memory_working_set_bytes",
                     "process_cpu_time_seconds_total", "process_memory_usage_bytes", "process_thread_count" })
            Assert.Contains(series, text);
    }

    private static async Task<string> ScrapeAsync(SentinelHost.Stages stages, Action<SentinelMetrics> act)
    {
        var builder = SentinelHost.CreateBuilder([], new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = "127.0.0.1:1" });
        await using var app = builder.Build();
        app.MapSentinelEndpoints(stages);
        await app.StartAsync();
        act(app.Services.GetRequiredService<SentinelMetrics>());
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var text = await http.GetStringAsync("/metrics");
        await app.StopAsync();
        return text;
    }
}
