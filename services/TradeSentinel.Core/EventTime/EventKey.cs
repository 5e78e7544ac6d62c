namespace TradeSentinel.Core.EventTime;

/// <summary>Total event-time order of fills: time, then trade id, then side (buy before sell).</summary>
public readonly record struct EventKey(long Ts, string TradeId, bool IsBuy) : IComparable<EventKey>
{
    public int CompareTo(EventKey other)
    {
        var c = Ts.CompareTo(other.Ts);
        if (c != 0) return c;
        c = string.CompareOrdinal(TradeId, other.TradeId);
        return c != 0 ? c : other.IsBuy.CompareTo(IsBuy);
    }
}
