using System.Numerics;
using System.Runtime.InteropServices;

namespace TradeSentinel.Market;

/// <summary>
/// One side of a symbol's recent off-market trades: who was there (an account or an app, as a
/// hash), when it last was, and the furthest it went off the market within the window. Bounded:
/// beyond <see cref="MaxMembers"/> the oldest half is forgotten, and a crowd that large still counts as large.
/// </summary>
public sealed class OffMarketCrowd
{
    public const long WindowMs = 300_000;
    private const int MaxMembers = 256;

    // Members in parallel arrays (slot i is one member), so that a count, made four times per trade
    // over crowds of a hundred members and more, is a vector compare over two arrays.
    private readonly Dictionary<int, int> _slots = [];
    private readonly int[] _ids = new int[MaxMembers + 1];
    private readonly long[] _lastSeen = new long[MaxMembers + 1];
    private readonly double[] _deviations = new double[MaxMembers + 1];

    private int Count => _slots.Count;

    public void Remember(int member, long ts, double deviation)
    {
        if (_slots.TryGetValue(member, out var slot))
        {
            if (ts - _lastSeen[slot] <= WindowMs) deviation = Math.Max(deviation, _deviations[slot]);
        }
        else _slots[member] = slot = Count;
        (_ids[slot], _lastSeen[slot], _deviations[slot]) = (member, ts, deviation);
        if (Count <= MaxMembers) return;
        for (var i = Count - 1; i >= 0; i--)
            if (ts - _lastSeen[i] > WindowMs) Forget(i);
        if (Count <= MaxMembers) return;
        var oldestHalf = Enumerable.Range(0, Count).OrderBy(i => _lastSeen[i]).Take(Count / 2).Select(i => _ids[i]).ToList();
        foreach (var id in oldestHalf) Forget(_slots[id]);
    }

    // The last member moves into the freed slot.
    private void Forget(int slot)
    {
        var last = Count - 1;
        _slots.Remove(_ids[slot]);
        if (slot == last) return;
        (_ids[slot], _lastSeen[slot], _deviations[slot]) = (_ids[last], _lastSeen[last], _deviations[last]);
        _slots[_ids[slot]] = slot;
    }

    public void Write(BinaryWriter w)
    {
        w.Write(Count);
        for (var i = 0; i < Count; i++)
        {
            w.Write(_ids[i]);
            w.Write(_lastSeen[i]);
            w.Write(_deviations[i]);
        }
    }

    public void Read(BinaryReader r)
    {
        _slots.Clear();
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            var (member, ts, deviation) = (r.ReadInt32(), r.ReadInt64(), r.ReadDouble());
            if (!_slots.TryGetValue(member, out var slot))
            {
                if (Count == MaxMembers) throw new EndOfStreamException("more crowd members than a crowd keeps"); // damaged bytes
                _slots[member] = slot = Count;
            }
            (_ids[slot], _lastSeen[slot], _deviations[slot]) = (member, ts, deviation);
        }
    }

    /// <summary>Distinct members within the window before <paramref name="ts"/> that went at least <paramref name="minDeviation"/> off the market, <paramref name="except"/> left out.</summary>
    public int CountAt(long ts, double minDeviation, int except = 0)
    {
        var since = ts - WindowMs;
        var n = 0;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var lastSeen = MemoryMarshal.Cast<long, Vector<long>>(_lastSeen.AsSpan(0, Count));
            var deviations = MemoryMarshal.Cast<double, Vector<double>>(_deviations.AsSpan(0, Count));
            var (sinceV, minV) = (new Vector<long>(since), new Vector<double>(minDeviation));
            var inCrowd = Vector<long>.Zero;
            for (var v = 0; v < lastSeen.Length; v++)
                inCrowd -= Vector.GreaterThanOrEqual(lastSeen[v], sinceV) & Vector.GreaterThanOrEqual(deviations[v], minV); // true is -1
            n = (int)Vector.Sum(inCrowd);
            i = lastSeen.Length * Vector<long>.Count;
        }
        for (; i < Count; i++)
            if (_lastSeen[i] >= since && _deviations[i] >= minDeviation) n++;
        if (_slots.TryGetValue(except, out var left) && _lastSeen[left] >= since && _deviations[left] >= minDeviation) n--;
        return n;
    }
}
