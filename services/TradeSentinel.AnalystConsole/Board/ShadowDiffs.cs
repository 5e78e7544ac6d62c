using TradeSentinel.Core.Contract;

namespace TradeSentinel.AnalystConsole.Board;

/// <summary>
/// The latest shadow comparison per candidate model, as the compacted shadow topic keeps it; a
/// tombstone (a candidate withdrawn) removes it.
/// </summary>
public sealed class ShadowDiffs
{
    /// <summary>A topic keyed by anything at all still costs bounded memory: the oldest candidate goes first.</summary>
    public const int MaxCandidates = 200;

    private readonly Lock _lock = new();
    private readonly List<ShadowDiff> _latest = [];

    public void Apply(string candidate, ShadowDiff? diff)
    {
        lock (_lock)
        {
            _latest.RemoveAll(d => d.CandidateModelVersion == candidate);
            if (diff is null) return;
            if (_latest.Count == MaxCandidates) _latest.RemoveAt(0);
            _latest.Add(diff);
        }
    }

    /// <summary>The most recently published first.</summary>
    public List<ShadowDiff> Latest()
    {
        lock (_lock) return Enumerable.Reverse(_latest).ToList();
    }
}
