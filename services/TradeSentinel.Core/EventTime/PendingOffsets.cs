namespace TradeSentinel.Core.EventTime;

/// <summary>
/// The offsets of one partition that were read but not yet handed out. They arrive in increasing
/// order and leave in event-time order, which within a partition is nearly the same: a queue with
/// the few that leave early set aside costs no allocation per record (a sorted set cost a node each).
/// </summary>
public sealed class PendingOffsets
{
    private readonly Queue<long> _inOrder = new();
    private readonly HashSet<long> _leftEarly = [];
    private long _last = long.MinValue;

    public void Add(long offset)
    {
        if (offset > _last)
        {
            _inOrder.Enqueue(offset);
            _last = offset;
            return;
        }
        // Read again below what was read before (the client reset its position): keep the order.
        var all = _inOrder.Where(o => !_leftEarly.Remove(o)).Append(offset).Distinct().Order().ToList();
        _inOrder.Clear();
        foreach (var o in all) _inOrder.Enqueue(o);
    }

    public void Remove(long offset)
    {
        if (!_inOrder.TryPeek(out var first) || first != offset)
        {
            _leftEarly.Add(offset);
            return;
        }
        _inOrder.Dequeue();
        while (_inOrder.TryPeek(out first) && _leftEarly.Remove(first)) _inOrder.Dequeue();
    }

    /// <summary>The lowest offset still pending, or null when none is.</summary>
    public long? Min => _inOrder.TryPeek(out var first) ? first : null;
}
