namespace TradeSentinel.Tools.Calibration;

/// <summary>Quantiles by linear interpolation between order statistics (numpy's and R's default), so figures can be checked by hand.</summary>
public static class Quantiles
{
    /// <summary>The <paramref name="q"/> quantile of <paramref name="values"/>, or NaN when there are none.</summary>
    public static double Of(IReadOnlyCollection<double> values, double q)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return OfSorted(sorted, q);
    }

    public static double OfSorted(double[] sorted, double q)
    {
        if (sorted.Length == 0) return double.NaN;
        var at = q * (sorted.Length - 1);
        var below = (int)Math.Floor(at);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (at - below) * (sorted[above] - sorted[below]);
    }
}
