namespace TradeSentinel.Core.Contract;

/// <summary>
/// ShadowDiff v1: what a candidate model would change on a recent stream, against the live model, on
/// the compacted <c>sentinel.shadow</c> topic keyed by <see cref="CandidateModelVersion"/> (the latest
/// comparison per candidate). Recommendations are compared by subject (action and entity).
/// </summary>
public sealed class ShadowDiff
{
    public int SchemaVersion { get; init; } = 1;
    public required string CandidateModelVersion { get; init; }
    public required string LiveModelVersion { get; init; }

    /// <summary>The stream replayed (its file name), its valid trades, and its event-time span (ms).</summary>
    public required string Input { get; init; }
    public long Trades { get; init; }
    public long FromTs { get; init; }
    public long ToTs { get; init; }

    /// <summary>Subjects the candidate recommends and the live model does not.</summary>
    public required IReadOnlyList<ShadowSubject> Gained { get; init; }

    /// <summary>Subjects the live model recommends and the candidate does not.</summary>
    public required IReadOnlyList<ShadowSubject> Lost { get; init; }

    /// <summary>Subjects both recommend.</summary>
    public required IReadOnlyList<string> Kept { get; init; }
}
