namespace TradeSentinel.Core.EventTime;

/// <summary>
/// Buffers records from several partitions and hands them out in one total event-time order, once
/// the watermarks prove nothing earlier can still arrive. It also knows, per partition, the offset
/// below which every record has been handed out: the only offset that is safe to commit.
/// </summary>
public sealed class EventTimeMerger<T>
{
    private readonly PriorityQueue<Pending, EventKey> _queue = new();
    private readonly WatermarkTracker _marks = new();
    private readonly Dictionary<int, PendingOffsets> _pendingOffsets = [];
    private readonly Dictionary<int, long> _nextOffset = [];

    private readonly record struct Pending(int Partition, long Offset, T Item);

    public int Buffered => _queue.Count;

    public long Watermark => _marks.Combined;

    public void Assign(int partition) => _marks.Assign(partition);

    /// <summary>Forget a partition another instance now owns: it will re-read it from the committed offset.</summary>
    public void Revoke(int partition)
    {
        _marks.Revoke(partition);
        _pendingOffsets.Remove(partition);
        _nextOffset.Remove(partition);
        var kept = _queue.UnorderedItems.Where(e => e.Element.Partition != partition).ToList();
        _queue.Clear();
        foreach (var (element, priority) in kept) _queue.Enqueue(element, priority);
    }

    public void Add(int partition, long offset, EventKey key, T item)
    {
        _queue.Enqueue(new Pending(partition, offset, item), key);
        OffsetsOf(partition).Add(offset);
        _nextOffset[partition] = offset + 1;
    }

    public void Observe(int partition, long offset, Watermark mark)
    {
        _marks.Observe(partition, mark);
        _nextOffset[partition] = offset + 1;
    }

    /// <summary>Marks a record as handled without buffering it (e.g. it went to the dead-letter topic).</summary>
    public void Skip(int partition, long offset) => _nextOffset[partition] = offset + 1;

    /// <summary>Moves every record older than the combined watermark into <paramref name="into"/>, oldest first.</summary>
    public void Release(List<T> into)
    {
        var watermark = _marks.Combined;
        while (_queue.TryPeek(out var next, out var key) && key.Ts < watermark)
        {
            _queue.Dequeue();
            _pendingOffsets[next.Partition].Remove(next.Offset);
            into.Add(next.Item);
        }
    }

    /// <summary>The offset to commit for a partition (every record before it was released), or null if nothing was read.</summary>
    public long? CommitOffset(int partition)
    {
        if (_pendingOffsets.TryGetValue(partition, out var pending) && pending.Min is { } min) return min;
        return _nextOffset.TryGetValue(partition, out var next) ? next : null;
    }

    public IEnumerable<int> Partitions => _nextOffset.Keys;

    private PendingOffsets OffsetsOf(int partition)
    {
        if (!_pendingOffsets.TryGetValue(partition, out var pending)) _pendingOffsets[partition] = pending = new PendingOffsets();
        return pending;
    }
}
