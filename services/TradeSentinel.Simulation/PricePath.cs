namespace TradeSentinel.Simulation;

/// <summary>A symbol's mid price over time, recorded at each of its trades so attacks can price against it.</summary>
public sealed class PricePath
{
    private readonly List<long> _ts = [];
    private readonly List<double> _mid = [];

    public void Add(long ts, double mid)
    {
        _ts.Add(ts);
        _mid.Add(mid);
    }

    public double At(long ts)
    {
        var i = _ts.BinarySearch(ts);
        if (i < 0) i = Math.Max(0, ~i - 1);
        return _mid[Math.Min(i, _mid.Count - 1)];
    }
}
