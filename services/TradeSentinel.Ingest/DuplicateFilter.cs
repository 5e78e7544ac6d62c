namespace TradeSentinel.Ingest;

/// <summary>Remembers the most recent trade ids (a bounded window) to refuse a trade seen twice.</summary>
public sealed class DuplicateFilter(int capacity)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>True the first time an id is offered within the window.</summary>
    public bool TryAdd(string tradeId)
    {
        if (!_seen.Add(tradeId)) return false;
        _order.Enqueue(tradeId);
        if (_order.Count > capacity) _seen.Remove(_order.Dequeue());
        return true;
    }
}
