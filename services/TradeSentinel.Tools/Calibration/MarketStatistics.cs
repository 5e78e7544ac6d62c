namespace TradeSentinel.Tools.Calibration;

/// <summary>
/// What a market looks like, measured the same way on simulated and recorded trades: samples of
/// each distribution (per consecutive pair of a symbol's trades unless said otherwise) and the
/// pumps found in it.
/// </summary>
public sealed record MarketStatistics(
    int Trades,
    int Symbols,
    int ThinSymbols,
    double[] SizeUsd,
    double[] ThinSizeUsd,
    double[] InterArrivalSeconds,
    double[] ThinInterArrivalSeconds,
    double[] AbsLogReturnWhenMoved,
    double SamePriceShare,
    double SameMillisecondShare,
    double[] LongestSilenceMinutes,
    double[] ThinLongestSilenceMinutes,
    double[] SpanHours,
    IReadOnlyList<PumpShape> Pumps)
{
    public static MarketStatistics Measure(IReadOnlyList<SymbolSeries> market)
    {
        var sizes = new List<double>();
        var thinSizes = new List<double>();
        var gaps = new List<double>();
        var thinGaps = new List<double>();
        var moves = new List<double>();
        var silences = new List<double>();
        var thinSilences = new List<double>();
        long pairs = 0, samePrice = 0, sameMs = 0;
        var thin = 0;
        foreach (var s in market)
        {
            var isThin = s.IsThin;
            sizes.AddRange(s.Usd.Where(double.IsFinite));
            if (isThin)
            {
                thin++;
                thinSizes.AddRange(s.Usd.Where(double.IsFinite));
            }
            long longest = 0;
            for (var i = 1; i < s.Count; i++)
            {
                var gap = s.Ts[i] - s.Ts[i - 1];
                longest = Math.Max(longest, gap);
                gaps.Add(gap / 1000.0);
                if (isThin) thinGaps.Add(gap / 1000.0);
                pairs++;
                if (gap == 0) sameMs++;
                if (s.Price[i] == s.Price[i - 1]) samePrice++;
                else moves.Add(Math.Abs(Math.Log(s.Price[i] / s.Price[i - 1])));
            }
            if (s.Count < 2) continue;
            silences.Add(longest / 60_000.0);
            if (isThin) thinSilences.Add(longest / 60_000.0);
        }
        return new MarketStatistics(
            market.Sum(s => s.Count), market.Count, thin,
            Sorted(sizes), Sorted(thinSizes), Sorted(gaps), Sorted(thinGaps), Sorted(moves),
            pairs == 0 ? double.NaN : (double)samePrice / pairs,
            pairs == 0 ? double.NaN : (double)sameMs / pairs,
            Sorted(silences), Sorted(thinSilences), Sorted(market.Select(s => s.SpanHours)),
            [.. market.SelectMany(PumpDetector.Find)]);
    }

    private static double[] Sorted(IEnumerable<double> values) => [.. values.Order()];
}
