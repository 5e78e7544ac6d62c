using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace TradeSentinel.Tools.Calibration;

/// <summary>Writes DIR/report.md (the table) and DIR/results.json (the table and every pump found).</summary>
public static class CalibrationReport
{
    public static void Write(string directory, string simulated, string real, MarketStatistics sim, MarketStatistics tapes, IReadOnlyList<CalibrationRow> rows)
    {
        File.WriteAllText(Path.Combine(directory, "report.md"), Markdown(simulated, real, sim, tapes, rows));
        var results = new
        {
            Simulated = simulated,
            Real = real,
            Markets = new[] { Summary("sim", sim), Summary("real", tapes) },
            Rows = rows.Select(r => new { r.Statistic, r.Unit, r.SimN, r.RealN, r.Sim, r.Real, r.Ratio }),
            Pumps = new { Sim = sim.Pumps, Real = tapes.Pumps },
        };
        File.WriteAllText(Path.Combine(directory, "results.json"), JsonSerializer.Serialize(results, new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        }));
    }

    private static object Summary(string name, MarketStatistics m) => new
    {
        Market = name,
        m.Trades,
        m.Symbols,
        m.ThinSymbols,
        Pumps = m.Pumps.Count,
        MedianSpanHours = Quantiles.OfSorted(m.SpanHours, 0.5),
    };

    public static string Markdown(string simulated, string real, MarketStatistics sim, MarketStatistics tapes, IReadOnlyList<CalibrationRow> rows)
    {
        var md = new StringBuilder();
        md.AppendLine("# Is the simulated market realistic?").AppendLine();
        md.AppendLine($"sim: {simulated}: {sim.Trades:N0} trades, {sim.Symbols} symbols ({sim.ThinSymbols} thin), {sim.Pumps.Count} pumps, median span {Quantiles.OfSorted(sim.SpanHours, 0.5):0.0} h  ");
        md.AppendLine($"real: {real}: {tapes.Trades:N0} trades, {tapes.Symbols} symbols ({tapes.ThinSymbols} thin), {tapes.Pumps.Count} pumps, median span {Quantiles.OfSorted(tapes.SpanHours, 0.5):0.0} h").AppendLine();
        md.AppendLine("| statistic | unit | n sim / real | sim p50 | sim p90 | sim p99 | real p50 | real p90 | real p99 | sim/real p50 | p90 | p99 |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            var sims = r.IsShare ? [F(r.Sim[0]), "", ""] : r.Sim.Select(F).ToArray();
            var reals = r.IsShare ? [F(r.Real[0]), "", ""] : r.Real.Select(F).ToArray();
            var ratios = r.IsShare ? [F(r.Ratio[0]), "", ""] : r.Ratio.Select(F).ToArray();
            md.AppendLine($"| {r.Statistic} | {r.Unit} | {r.SimN:N0} / {r.RealN:N0} | {string.Join(" | ", sims)} | {string.Join(" | ", reals)} | {string.Join(" | ", ratios)} |");
        }
        md.AppendLine().AppendLine($"Thin: fewer than {SymbolSeries.ThinTradesPerHour} trades in the symbol's median hour. Inter-arrival, price and silence");
        md.AppendLine("statistics are per consecutive pair of one symbol's trades (a share's n is the number of pairs). A pump: a trade");
        md.AppendLine($"{PumpDetector.MinRise:P0} or more above the lowest price of the hour before it; its peak is the highest trade in the hour after that low.");
        md.AppendLine("A ratio far from 1 is a gap; n under about 10 makes a quantile anecdotal. Charts: size.png, interarrival.png, returns.png,");
        md.AppendLine("silences.png, pumps.png.");
        return md.ToString();
    }

    /// <summary>Three significant digits, whatever the magnitude (sizes are thousands, log returns ten-thousandths).</summary>
    public static string F(double v) =>
        double.IsNaN(v) ? "—" : v == 0 ? "0" : Math.Abs(v) >= 1000 ? v.ToString("N0", CultureInfo.InvariantCulture) : v.ToString("G3", CultureInfo.InvariantCulture);
}
