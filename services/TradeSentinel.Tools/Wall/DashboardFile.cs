using System.Text.Json;

namespace TradeSentinel.Tools.Wall;

/// <summary>A Grafana dashboard file, read as Grafana would: its panels, their queries and legends.</summary>
public static class DashboardFile
{
    public const string DefaultPath = "deploy/grafana/dashboards/tradesentinel.json";

    public sealed record Panel(string Title, string Type, string? DatasourceUid, string Unit, IReadOnlyList<(string Expr, string Legend)> Targets)
    {
        public IEnumerable<string> Queries => Targets.Select(t => t.Expr);
    }

    public static List<Panel> Panels(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var all = AllValues(doc.RootElement);
        return doc.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.GetProperty("type").GetString() != "row")
            .Select(p => new Panel(
                p.GetProperty("title").GetString()!,
                p.GetProperty("type").GetString()!,
                p.TryGetProperty("datasource", out var ds) && ds.TryGetProperty("uid", out var uid) ? uid.GetString() : null,
                p.TryGetProperty("fieldConfig", out var fc) && fc.GetProperty("defaults").TryGetProperty("unit", out var unit) ? unit.GetString() ?? "" : "",
                p.TryGetProperty("targets", out var targets)
                    ? targets.EnumerateArray().Select(t => (
                        all(t.TryGetProperty("expr", out var e) ? e.GetString() ?? "" : ""),
                        t.TryGetProperty("legendFormat", out var l) ? l.GetString() ?? "" : "")).ToList()
                    : []))
            .ToList();
    }

    /// <summary>The dashboard's variables set to "All", as Grafana opens it: <c>$instance</c> becomes its allValue.</summary>
    private static Func<string, string> AllValues(JsonElement dashboard)
    {
        var values = dashboard.TryGetProperty("templating", out var templating)
            ? templating.GetProperty("list").EnumerateArray()
                .Where(v => v.TryGetProperty("allValue", out _))
                .Select(v => (Name: v.GetProperty("name").GetString()!, All: v.GetProperty("allValue").GetString()!)).ToList()
            : [];
        return expr => values.Aggregate(expr, (e, v) => e.Replace("${" + v.Name + "}", v.All).Replace("$" + v.Name, v.All));
    }
}
