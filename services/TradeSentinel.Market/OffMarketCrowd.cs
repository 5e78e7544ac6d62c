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

    private readonly Dictionary<int, (long Ts, double Deviation)> _members = [];

    public void Remember(int member, long ts, double deviation)
    {
        if (_members.TryGetValue(member, out var seen) && ts - seen.Ts <= WindowMs) deviation = Math.Max(deviation, seen.Deviation);
        _members[member] = (ts, deviation);
        if (_members.Count <= MaxMembers) return;
        foreach (var (key, entry) in _members)
            if (ts - entry.Ts > WindowMs) _members.Remove(key);
        if (_members.Count > MaxMembers)
            foreach (var (key, _) in _members.OrderBy(e => e.Value.Ts).Take(_members.Count / 2).ToList()) _members.Remove(key);
    }

    public void Write(BinaryWriter w)
    {
        w.Write(_members.Count);
        foreach (var (member, (ts, deviation)) in _members)
        {
            w.Write(member);
            w.Write(ts);
            w.Write(deviation);
        }
    }

    public void Read(BinaryReader r)
    {
        _members.Clear();
        for (var n = r.ReadInt32(); n > 0; n--) _members[r.ReadInt32()] = (r.ReadInt64(), r.ReadDouble());
    }

    /// <summary>Distinct members within the window before <paramref name="ts"/> that went at least <paramref name="minDeviation"/> off the market, <paramref name="except"/> left out.</summary>
    public int CountAt(long ts, double minDeviation, int except = 0)
    {
        var since = ts - WindowMs;
        var n = 0;
        foreach (var (member, (seen, deviation)) in _members)
            if (seen >= since && deviation >= minDeviation && member != except) n++;
        return n;
    }
}
