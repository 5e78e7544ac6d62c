namespace TradeSentinel.Tools.Calibration;

/// <summary>
/// One symbol's trades of one tape, in event-time order (ties in file order): the unit every
/// per-symbol statistic is measured on. Two tapes that share a symbol stay two series, so a gap
/// between them is never read as a silence.
/// </summary>
public sealed record SymbolSeries(string Name, long[] Ts, double[] Price, double[] Qty, double[] Usd)
{
    public int Count => Ts.Length;

    public double SpanHours => Count < 2 ? 0 : (Ts[^1] - Ts[0]) / 3_600_000.0;

    /// <summary>
    /// Thin: fewer than <see cref="ThinTradesPerHour"/> trades in the symbol's median clock hour, so a
    /// pump's busy hours (which dominate a pump tape's total) do not make a quiet coin look liquid.
    /// </summary>
    public bool IsThin => MedianHourlyTrades() < ThinTradesPerHour;

    /// <summary>One trade per 10 s in a typical hour: the simulator's low-caps are below it, its mid-caps above.</summary>
    public const int ThinTradesPerHour = 360;

    public double MedianHourlyTrades()
    {
        if (Count == 0) return 0;
        var hours = (int)((Ts[^1] - Ts[0]) / 3_600_000) + 1;
        var counts = new double[hours];
        foreach (var ts in Ts) counts[(ts - Ts[0]) / 3_600_000]++;
        return Quantiles.Of(counts, 0.5);
    }
}
