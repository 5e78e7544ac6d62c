using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ScottPlot;

namespace TradeSentinel.Tools.Wall;

/// <summary>
/// Renders the dashboard's panels as PNG charts from a real Prometheus, as the Grafana wall would
/// draw them: time series from range queries, bar gauges from an instant query now.
/// </summary>
public static partial class WallCharts
{
    public static async Task<List<string>> RenderAsync(LocalPrometheus prometheus, IEnumerable<DashboardFile.Panel> panels,
        DateTimeOffset start, DateTimeOffset end, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var written = new List<string>();
        var step = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((end - start).TotalSeconds / 240)));
        foreach (var panel in panels)
        {
            var plot = new Plot();
            plot.Title(panel.Title);
            var drawn = panel.Type switch
            {
                "timeseries" => await TimeSeries(plot, prometheus, panel, start, end, step),
                "bargauge" => await Bars(plot, prometheus, panel),
                _ => false,
            };
            if (!drawn) continue;
            var path = Path.Combine(outDir, Slug().Replace(panel.Title.ToLowerInvariant(), "-").Trim('-') + ".png");
            plot.SavePng(path, 800, 360);
            written.Add(path);
        }
        return written;
    }

    private static async Task<bool> TimeSeries(Plot plot, LocalPrometheus prometheus, DashboardFile.Panel panel,
        DateTimeOffset start, DateTimeOffset end, TimeSpan step)
    {
        var any = false;
        foreach (var (expr, legend) in panel.Targets)
            foreach (var series in (await prometheus.QueryRangeAsync(expr, start, end, step)).EnumerateArray())
            {
                var points = series.GetProperty("values").EnumerateArray()
                    .Select(v => (X: v[0].GetDouble() - start.ToUnixTimeSeconds(), Y: Number(v[1])))
                    .Where(p => double.IsFinite(p.Y)).ToList();
                if (points.Count == 0) continue;
                var line = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
                line.LegendText = Legend(legend, series.GetProperty("metric"));
                line.LineWidth = 2;
                any = true;
            }
        plot.XLabel("seconds into the run");
        plot.YLabel(panel.Unit switch { "s" => "seconds", "ops" => "per second", _ => "" });
        plot.ShowLegend(Alignment.UpperLeft);
        return any;
    }

    private static async Task<bool> Bars(Plot plot, LocalPrometheus prometheus, DashboardFile.Panel panel)
    {
        var bars = new List<(string Label, double Value)>();
        foreach (var (expr, legend) in panel.Targets)
            foreach (var series in (await prometheus.QueryAsync(expr)).EnumerateArray())
                bars.Add((Legend(legend, series.GetProperty("metric")), Number(series.GetProperty("value")[1])));
        if (bars.Count == 0) return false;
        plot.Add.Bars(bars.Select(b => b.Value).ToArray());
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, bars.Count).Select(i => (double)i).ToArray(), bars.Select(b => b.Label).ToArray());
        plot.Axes.Margins(bottom: 0);
        return true;
    }

    private static double Number(JsonElement value) => double.Parse(value.GetString()!, CultureInfo.InvariantCulture);

    /// <summary>Grafana's legend format: <c>{{label}}</c> replaced by the series' label value.</summary>
    private static string Legend(string format, JsonElement metric) =>
        LegendLabel().Replace(format, m => metric.TryGetProperty(m.Groups[1].Value, out var v) ? v.GetString() ?? "" : "");

    [GeneratedRegex(@"\{\{\s*(\w+)\s*\}\}")]
    private static partial Regex LegendLabel();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex Slug();
}
