namespace TradeSentinel.Core.EventTime;

/// <summary>The latest promise of every upstream source on every input partition.</summary>
public sealed class WatermarkTracker
{
    private readonly Dictionary<int, Dictionary<int, long>> _bySourceByPartition = [];
    private readonly Dictionary<int, int> _sourcesByPartition = [];

    public void Assign(int partition)
    {
        _bySourceByPartition.TryAdd(partition, []);
    }

    public void Revoke(int partition)
    {
        _bySourceByPartition.Remove(partition);
        _sourcesByPartition.Remove(partition);
    }

    public void Observe(int partition, Watermark mark)
    {
        if (!_bySourceByPartition.TryGetValue(partition, out var bySource))
            _bySourceByPartition[partition] = bySource = [];
        _sourcesByPartition[partition] = mark.Sources;
        // Promises only move forward; a stale one (e.g. redelivered after a restart) changes nothing.
        if (!bySource.TryGetValue(mark.Source, out var current) || mark.Value > current)
            bySource[mark.Source] = mark.Value;
    }

    /// <summary>The smallest promise on the partition, or <see cref="long.MinValue"/> until every source has spoken.</summary>
    public long Of(int partition)
    {
        if (!_bySourceByPartition.TryGetValue(partition, out var bySource)) return long.MinValue;
        if (!_sourcesByPartition.TryGetValue(partition, out var sources) || bySource.Count < sources) return long.MinValue;
        var min = long.MaxValue;
        foreach (var v in bySource.Values) min = Math.Min(min, v);
        return min;
    }

    /// <summary>The smallest promise over every assigned partition: nothing older can still arrive.</summary>
    public long Combined
    {
        get
        {
            if (_bySourceByPartition.Count == 0) return long.MinValue;
            var min = long.MaxValue;
            foreach (var p in _bySourceByPartition.Keys) min = Math.Min(min, Of(p));
            return min;
        }
    }
}
