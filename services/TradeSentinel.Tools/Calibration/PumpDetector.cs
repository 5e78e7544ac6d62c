namespace TradeSentinel.Tools.Calibration;

/// <summary>
/// Finds pumps on a symbol: a trade at least <see cref="MinRise"/> above the lowest price of the
/// hour before it. Strongest rise first: its pump starts at that low (the trough) and peaks at the
/// highest trade within the hour after the trough; trades from an hour before the trough to an hour
/// after the peak then belong to it, so a slow drift before a pump, or the pump's aftershocks, are
/// not counted as pumps of their own.
/// </summary>
public static class PumpDetector
{
    public const double MinRise = 0.20;
    private const long Hour = 3_600_000;

    public static List<PumpShape> Find(SymbolSeries s)
    {
        var candidates = new List<(int Trade, int Trough, double Rise)>();
        var window = new LinkedList<int>(); // the past hour's trades with rising prices: the first is the hour's low
        for (var j = 0; j < s.Count; j++)
        {
            while (window.Count > 0 && s.Price[window.Last!.Value] >= s.Price[j]) window.RemoveLast();
            window.AddLast(j);
            while (s.Ts[window.First!.Value] < s.Ts[j] - Hour) window.RemoveFirst();
            var trough = window.First.Value;
            if (s.Price[j] >= (1 + MinRise) * s.Price[trough]) candidates.Add((j, trough, s.Price[j] / s.Price[trough]));
        }

        var pumps = new List<PumpShape>();
        var taken = new List<(long From, long To)>();
        foreach (var (trade, trough, _) in candidates.OrderByDescending(c => c.Rise).ThenBy(c => c.Trade))
        {
            if (taken.Any(t => s.Ts[trade] >= t.From && s.Ts[trade] <= t.To)) continue;
            var pump = Shape(s, trough);
            pumps.Add(pump);
            taken.Add((pump.TroughTs - Hour, pump.PeakTs + Hour));
        }
        return [.. pumps.OrderBy(p => p.TroughTs)];
    }

    private static PumpShape Shape(SymbolSeries s, int trough)
    {
        var peak = trough;
        for (var k = trough; k < s.Count && s.Ts[k] <= s.Ts[trough] + Hour; k++)
            if (s.Price[k] > s.Price[peak]) peak = k;
        var (low, high) = (s.Price[trough], s.Price[peak]);

        // The market the pump left: volume-weighted price of the hour up to the trough.
        double value = 0, volume = 0;
        for (var k = trough; k >= 0 && s.Ts[k] >= s.Ts[trough] - Hour; k--)
        {
            value += s.Price[k] * s.Qty[k];
            volume += s.Qty[k];
        }
        var vwap = volume > 0 ? value / volume : low;

        var retraced = double.NaN;
        if (s.Ts[^1] >= s.Ts[peak] + Hour)
        {
            var after = Array.FindLastIndex(s.Ts, t => t <= s.Ts[peak] + Hour);
            retraced = (high - s.Price[after]) / (high - low);
        }
        var halfLife = double.NaN;
        for (var k = peak; k < s.Count; k++)
            if (s.Price[k] <= low + (high - low) / 2)
            {
                halfLife = (s.Ts[k] - s.Ts[peak]) / 60_000.0;
                break;
            }

        var path = new List<(double, double)>();
        for (var k = 0; k < s.Count; k++)
            if (s.Ts[k] >= s.Ts[trough] - Hour / 2 && s.Ts[k] <= s.Ts[trough] + 2 * Hour)
                path.Add(((s.Ts[k] - s.Ts[trough]) / 60_000.0, s.Price[k] / low));

        return new PumpShape(s.Name, s.Ts[trough], s.Ts[peak], (s.Ts[peak] - s.Ts[trough]) / 60_000.0, high / low - 1, high / vwap, retraced, halfLife)
        {
            Path = path,
        };
    }
}
