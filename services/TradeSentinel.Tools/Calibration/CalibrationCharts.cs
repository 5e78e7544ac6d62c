using ScottPlot;

namespace TradeSentinel.Tools.Calibration;

/// <summary>
/// The comparison as charts: cumulative distributions of simulated against real (log axes where
/// the values span decades), four of them on one page (overview.png: distributions only, so it can
/// be shown without showing a tape), and the pumps' own price paths (pumps.png).
/// </summary>
public static class CalibrationCharts
{
    private static readonly Color SimColor = Colors.SteelBlue;
    private static readonly Color RealColor = Colors.OrangeRed;

    public static void Save(string directory, MarketStatistics sim, MarketStatistics real)
    {
        var size = Cdf("trade size", "USD (log)", logFloor: 0.01, (sim.SizeUsd, real.SizeUsd, ", every symbol"), (sim.ThinSizeUsd, real.ThinSizeUsd, ", thin symbols"));
        var gaps = Cdf("inter-arrival per symbol", "seconds to the symbol's next trade (log; same ms at 0.001)", logFloor: 0.001,
            (sim.InterArrivalSeconds, real.InterArrivalSeconds, ", every symbol"), (sim.ThinInterArrivalSeconds, real.ThinInterArrivalSeconds, ", thin symbols"));
        var moves = Cdf("price jump when the price moved", "abs log return between consecutive trades (log)", logFloor: 1e-7,
            (sim.AbsLogReturnWhenMoved, real.AbsLogReturnWhenMoved, ""));
        var silences = Cdf("longest silence per symbol", "minutes", logFloor: null,
            (sim.LongestSilenceMinutes, real.LongestSilenceMinutes, ", every symbol"), (sim.ThinLongestSilenceMinutes, real.ThinLongestSilenceMinutes, ", thin symbols"));
        var pumps = Pumps(sim.Pumps, real.Pumps);

        size.SavePng(Path.Combine(directory, "size.png"), 800, 450);
        gaps.SavePng(Path.Combine(directory, "interarrival.png"), 800, 450);
        moves.SavePng(Path.Combine(directory, "returns.png"), 800, 450);
        silences.SavePng(Path.Combine(directory, "silences.png"), 800, 450);
        pumps.SavePng(Path.Combine(directory, "pumps.png"), 800, 450);

        var page = new Multiplot();
        page.Reset(size); // a new multiplot starts with an empty plot of its own
        foreach (var plot in new[] { gaps, moves, silences }) page.AddPlot(plot);
        page.Layout = new ScottPlot.MultiplotLayouts.Grid(2, 2);
        page.SavePng(Path.Combine(directory, "overview.png"), 1400, 900);
    }

    /// <param name="logFloor">null: a linear axis; else a log axis, with values below the floor (zeros) drawn at it.</param>
    private static Plot Cdf(string title, string xLabel, double? logFloor, params (double[] Sim, double[] Real, string Suffix)[] series)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel("share of observations at or below");
        foreach (var (sim, real, suffix) in series)
        {
            var pattern = suffix.Contains("thin", StringComparison.Ordinal) ? LinePattern.Dashed : LinePattern.Solid;
            Line(plot, sim, logFloor, $"simulated{suffix} (n={sim.Length:N0})", SimColor, pattern);
            Line(plot, real, logFloor, $"real tapes{suffix} (n={real.Length:N0})", RealColor, pattern);
        }
        if (logFloor is not null) LogAxis(plot);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    private static void Line(Plot plot, double[] sorted, double? logFloor, string legend, Color color, LinePattern pattern)
    {
        if (sorted.Length == 0) return;
        // At most ~2,000 points: the curve's shape, not every observation.
        var step = Math.Max(1, sorted.Length / 2000);
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i < sorted.Length; i += step)
        {
            xs.Add(X(sorted[i], logFloor));
            ys.Add((i + 1.0) / sorted.Length);
        }
        xs.Add(X(sorted[^1], logFloor));
        ys.Add(1);
        var line = plot.Add.ScatterLine(xs, ys);
        line.LegendText = legend;
        line.Color = color;
        line.LineWidth = 2;
        line.LinePattern = pattern;
    }

    private static double X(double value, double? logFloor) => logFloor is { } floor ? Math.Log10(Math.Max(value, floor)) : value;

    private static void LogAxis(Plot plot) =>
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = x => Math.Pow(10, x).ToString("G4", System.Globalization.CultureInfo.InvariantCulture),
        };

    private static Plot Pumps(IReadOnlyList<PumpShape> sim, IReadOnlyList<PumpShape> real)
    {
        var plot = new Plot();
        plot.Title($"pumps: price over the trough price ({sim.Count} simulated, {real.Count} real)");
        plot.XLabel("minutes from the trough");
        plot.YLabel("price / trough price");
        foreach (var (pumps, color, name) in new[] { (real, RealColor, "real tapes"), (sim, SimColor, "simulated") })
            for (var i = 0; i < pumps.Count; i++)
            {
                var line = plot.Add.ScatterLine(pumps[i].Path.Select(p => p.Minutes).ToArray(), pumps[i].Path.Select(p => p.Ratio).ToArray());
                line.Color = color.WithAlpha(0.6);
                line.LineWidth = 1;
                if (i == 0) line.LegendText = name;
            }
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}
