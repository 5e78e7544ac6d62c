namespace TradeSentinel.Tools.Calibration;

/// <summary>The report's table: each statistic of <see cref="MarketStatistics"/>, simulated beside real.</summary>
public static class CalibrationComparison
{
    public static List<CalibrationRow> Rows(MarketStatistics sim, MarketStatistics real)
    {
        static double[] Finite(IEnumerable<double> values) => [.. values.Where(double.IsFinite)];
        var pairs = (Sim: sim.InterArrivalSeconds.Length, Real: real.InterArrivalSeconds.Length);
        return
        [
            CalibrationRow.Distribution("trade size, every symbol", "USD", sim.SizeUsd, real.SizeUsd),
            CalibrationRow.Distribution("trade size, thin symbols", "USD", sim.ThinSizeUsd, real.ThinSizeUsd),
            CalibrationRow.Distribution("inter-arrival, every symbol", "s", sim.InterArrivalSeconds, real.InterArrivalSeconds),
            CalibrationRow.Distribution("inter-arrival, thin symbols", "s", sim.ThinInterArrivalSeconds, real.ThinInterArrivalSeconds),
            CalibrationRow.Distribution("abs log return when the price moved", "ln", sim.AbsLogReturnWhenMoved, real.AbsLogReturnWhenMoved),
            CalibrationRow.Share("same price as the previous trade", pairs.Sim, pairs.Real, sim.SamePriceShare, real.SamePriceShare),
            CalibrationRow.Share("same millisecond as the previous trade", pairs.Sim, pairs.Real, sim.SameMillisecondShare, real.SameMillisecondShare),
            CalibrationRow.Distribution("longest silence per symbol, every symbol", "min", sim.LongestSilenceMinutes, real.LongestSilenceMinutes),
            CalibrationRow.Distribution("longest silence per symbol, thin symbols", "min", sim.ThinLongestSilenceMinutes, real.ThinLongestSilenceMinutes),
            CalibrationRow.Distribution("pump rise time (trough to peak)", "min", [.. sim.Pumps.Select(p => p.RiseMinutes)], [.. real.Pumps.Select(p => p.RiseMinutes)]),
            CalibrationRow.Distribution("pump height (peak / trough - 1)", "ratio", [.. sim.Pumps.Select(p => p.Rise)], [.. real.Pumps.Select(p => p.Rise)]),
            CalibrationRow.Distribution("pump peak over the hour's VWAP before it", "ratio", [.. sim.Pumps.Select(p => p.PeakOverVwap)], [.. real.Pumps.Select(p => p.PeakOverVwap)]),
            CalibrationRow.Distribution("pump rise given back 1 h after the peak", "share", Finite(sim.Pumps.Select(p => p.RetracedAfterHour)), Finite(real.Pumps.Select(p => p.RetracedAfterHour))),
            CalibrationRow.Distribution("pump half-life (peak to half the rise given back)", "min", Finite(sim.Pumps.Select(p => p.HalfLifeMinutes)), Finite(real.Pumps.Select(p => p.HalfLifeMinutes))),
        ];
    }
}
