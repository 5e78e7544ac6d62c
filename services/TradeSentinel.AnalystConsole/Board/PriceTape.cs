namespace TradeSentinel.AnalystConsole.Board;

/// <summary>
/// A symbol's trades by event-time minute (low, high, last price and volume), for the chart around
/// an incident. Bounded: minutes older than <see cref="KeptMinutes"/> behind the symbol's newest trade are dropped.
/// </summary>
public sealed class PriceTape
{
    public const int KeptMinutes = 7 * 24 * 60;

    private readonly SortedDictionary<long, PriceMinute> _minutes = [];
    private long _newestMinute;

    public void Add(long ts, double price, double usd)
    {
        var minute = Math.DivRem(ts, 60_000, out var rest) - (rest < 0 ? 1 : 0);
        var first = _minutes.Count == 0;
        if (!first && minute <= _newestMinute - KeptMinutes) return;
        _minutes[minute] = _minutes.TryGetValue(minute, out var m) ? m.With(price, usd) : new PriceMinute(minute * 60_000, price, price, price, usd);
        if (!first && minute <= _newestMinute) return;
        _newestMinute = minute;
        while (_minutes.Count > 0 && _minutes.First().Key <= _newestMinute - KeptMinutes) _minutes.Remove(_minutes.First().Key);
    }

    public List<PriceMinute> Between(long fromTs, long toTs) =>
        _minutes.Values.Where(m => m.Ts >= fromTs - 60_000 && m.Ts <= toTs).ToList();
}

/// <summary>One minute of a symbol's trades.</summary>
public sealed record PriceMinute(long Ts, double Low, double High, double Last, double Usd)
{
    public PriceMinute With(double price, double usd) => new(Ts, Math.Min(Low, price), Math.Max(High, price), price, Usd + usd);
}
