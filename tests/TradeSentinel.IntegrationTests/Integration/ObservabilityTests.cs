using System.Text.Json;
using System.Text.RegularExpressions;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Hosting;
using TradeSentinel.Tests.Fixtures;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;
using TradeSentinel.Tools.Wall;

namespace TradeSentinel.Tests.Integration;

/// <summary>
/// Debian's real Prometheus scrapes a replay of the attack stretch (with two bad records and a
/// freeze hook): every query of every dashboard panel returns data, and every operator rule evaluates.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ObservabilityTests : IDisposable
{
    private const string Secret = "prom-test-hook-secret";
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-observability-").FullName;

    [Fact]
    public async Task Every_dashboard_query_returns_data_and_every_alert_rule_evaluates_against_a_real_prometheus()
    {
        var port = LoopbackPort.Free();
        using var prometheus = new LocalPrometheus(Path.Combine(RepoPaths.Root, "deploy/prometheus/rules.yml"), $"127.0.0.1:{port}");
        using var receiver = new HookReceiver(Secret).Start();
        var lines = EndingNow(AttackStretch.Lines());
        lines.Insert(100, "{\"trade_id\": truncated");
        lines.Insert(200, "{\"trade_id\":\"Z1\",\"ts\":1672191000000,\"symbol\":\"DMG-USDT\",\"price\":\"NaN\"}");
        var input = Path.Combine(_dir, "stretch.jsonl");
        File.WriteAllLines(input, lines);

        // Queried while the pipeline still serves /metrics: once a target is gone Prometheus marks its series stale.
        var seen = new Dictionary<string, double>();
        var emptyPanels = new List<string>();
        List<JsonElement> rules = [];
        List<string> charts = [];
        var panels = DashboardFile.Panels(Path.Combine(RepoPaths.Root, DashboardFile.DefaultPath));
        var byAction = panels.Single(p => p.Title == "Freeze recommendations by action (per 5 min)").Queries.Single();
        var start = DateTimeOffset.UtcNow;
        var run = await PipelineRun.ExecuteAsync(
            ["--Scoring:ModelPath", TrainedModel.Shared.Path, "--urls", $"http://127.0.0.1:{port}",
             "--Hooks:Endpoints:0:Name", "freeze-service", "--Hooks:Endpoints:0:Url", receiver.Url, "--Hooks:Endpoints:0:Secret", Secret],
            input, beforeStop: async () =>
            {
                await UntilScraped(prometheus, lines.Count - 2);
                foreach (var query in new[] { "sum(sentinel_alerts_total)", "sum(sentinel_dead_letters_total{stage=\"ingest\"})",
                             "sum(sentinel_hook_deliveries_total{outcome=\"delivered\"})" })
                    seen[query] = Scalar(await Settled(prometheus, query));
                // The wall's panel, evaluated at the last scrape (so Prometheus has nothing to extrapolate).
                var lastScrape = Scalar(await prometheus.QueryAsync("max(timestamp(sentinel_alerts_total))"));
                seen["wall"] = Scalar(await Settled(prometheus,
                    $"sum({byAction.Replace("[5m]", $"[5m] @ {lastScrape.ToString(System.Globalization.CultureInfo.InvariantCulture)}")})"));
                foreach (var panel in panels)
                    foreach (var query in panel.Queries)
                        if (!(await Settled(prometheus, query)).EnumerateArray().Any(r => double.IsFinite(Value(r))) && !await BurstOnly(prometheus, query))
                            emptyPanels.Add($"{panel.Title}: {query}");
                var groups = (await prometheus.GetAsync("/api/v1/rules")).GetProperty("data").GetProperty("groups").EnumerateArray();
                rules = groups.SelectMany(g => g.GetProperty("rules").EnumerateArray()).ToList();
                charts = await WallCharts.RenderAsync(prometheus, panels, start, DateTimeOffset.UtcNow, Path.Combine(_dir, "wall"));
            });

        Assert.NotEmpty(run.Alerts);
        Assert.Equal(run.Alerts.Count, seen["sum(sentinel_alerts_total)"]);
        // The wall counts every recommendation, the first of each action and severity included: their
        // series exist at zero before it, so increase() sees it.
        Assert.Equal(run.Alerts.Count, Math.Round(seen["wall"], 6));
        Assert.Equal(2, seen["sum(sentinel_dead_letters_total{stage=\"ingest\"})"]);
        Assert.Equal(run.Alerts.Count, seen["sum(sentinel_hook_deliveries_total{outcome=\"delivered\"})"]);
        Assert.Empty(emptyPanels);
        // The wall's charts (what `make wall` puts in the README) render from the same data (the latency
        // quantiles may be NaN throughout a seconds-long replay, see BurstOnly, so they are not required here).
        var names = charts.Select(Path.GetFileName).ToList();
        foreach (var chart in new[] { "freeze-recommendations-by-action-per-5-min.png", "top-recommendation-reasons-last-hour.png", "throughput.png",
                     "consumer-lag-by-stage.png", "dead-letters-by-reason.png", "freeze-hook-deliveries-by-outcome.png" })
            Assert.Contains(chart, names);
        Assert.All(charts, c => Assert.True(new FileInfo(c).Length > 10_000, c));

        Assert.Equal(System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy/prometheus/rules.yml")), "- alert: ").Count,
            rules.Count);
        Assert.All(rules, r => Assert.True(r.GetProperty("health").GetString() == "ok",
            $"{r.GetProperty("name")}: {(r.TryGetProperty("lastError", out var e) ? e.GetString() : "")}"));
        // A healthy replay trips none of the alarms about hooks, Redis or lag. (No-trades may be pending:
        // the whole stretch is ingested before the counter's second scrape, so Prometheus sees no increase.)
        var firing = rules.Where(r => r.GetProperty("state").GetString() != "inactive").Select(r => r.GetProperty("name").GetString()).ToList();
        foreach (var quiet in new[] { "SentinelHookDeliveriesFailing", "SentinelRedisUnavailable", "SentinelConsumerLagGrowing", "SentinelDeadLettersRising",
                     "SentinelRecordsLostToRetention", "SentinelRecordsRefusedByBroker" })
            Assert.DoesNotContain(quiet, firing);
    }

    /// <summary>Waits until Prometheus holds the run's final counts, a few samples deep, and has evaluated every rule since.</summary>
    private static async Task UntilScraped(LocalPrometheus prometheus, int trades)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var ingested = await prometheus.QueryAsync("sum(sentinel_trades_ingested_total)");
            var samples = await prometheus.QueryAsync("min(count_over_time(sentinel_trades_ingested_total[1m]))");
            if (ingested.GetArrayLength() > 0 && (int)Scalar(ingested) == trades && samples.GetArrayLength() > 0 && Scalar(samples) >= 3)
            {
                // The run is over (alerts and hook deliveries included) when this is called: wait for a
                // scrape that began a second later, however slow a loaded machine makes Prometheus,
                // then for a rule evaluation or two of that final state.
                var settled = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0 + 1;
                while (DateTime.UtcNow < deadline)
                {
                    var last = await prometheus.QueryAsync("max(timestamp(sentinel_trades_ingested_total))");
                    if (last.GetArrayLength() > 0 && Scalar(last) >= settled) break;
                    await Task.Delay(250);
                }
                await Task.Delay(1500);
                return;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("prometheus did not scrape the replay's final counts within 60 s");
    }

    /// <summary>
    /// A latency quantile is NaN, not missing, when every observation of its histogram landed between
    /// two scrapes (the recommendations of a seconds-long replay come in one burst): Prometheus then
    /// sees the series appear, not grow. Accepted only when the histogram itself was scraped with data.
    /// </summary>
    private static async Task<bool> BurstOnly(LocalPrometheus prometheus, string query)
    {
        var histogram = Regex.Match(query, @"(sentinel_\w+)_bucket");
        if (!query.StartsWith("histogram_quantile") || !histogram.Success) return false;
        var count = await prometheus.QueryAsync($"sum({histogram.Groups[1].Value}_count)");
        return count.GetArrayLength() > 0 && Value(count[0]) > 0;
    }

    /// <summary>
    /// The query's answer, asked again over a second if it is empty: on a loaded machine a scrape
    /// can miss its 250 ms timeout, and Prometheus then marks every series of the target stale until
    /// the next one, so a query landing in that gap sees nothing. A series missing for good stays missing.
    /// </summary>
    private static async Task<JsonElement> Settled(LocalPrometheus prometheus, string query)
    {
        var result = await prometheus.QueryAsync(query);
        for (var attempt = 0; attempt < 4 && result.GetArrayLength() == 0; attempt++)
        {
            await Task.Delay(300);
            result = await prometheus.QueryAsync(query);
        }
        return result;
    }

    private static double Scalar(JsonElement result) => Value(result[0]);

    private static double Value(JsonElement series) =>
        double.Parse(series.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The stretch moved in event time so that its last trade happens now: latencies from event time are then minutes, not years.</summary>
    private static List<string> EndingNow(List<string> lines)
    {
        var shift = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - lines.Max(l => TradeLine.Ts(l)!.Value);
        return lines.Select(l => TradeLine.WithTs(l, ts => ts + shift)).ToList();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
