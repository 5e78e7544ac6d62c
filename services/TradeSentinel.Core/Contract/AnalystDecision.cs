namespace TradeSentinel.Core.Contract;

/// <summary>
/// AnalystDecision v1: what an analyst decided about one recommendation, on the compacted
/// <c>sentinel.decisions</c> topic keyed by <see cref="AlertId"/> (the latest decision wins).
/// </summary>
public sealed class AnalystDecision
{
    public const string Confirm = "confirm";
    public const string Dismiss = "dismiss";
    public const string Hold = "hold";

    public static readonly IReadOnlyList<string> All = [Confirm, Dismiss, Hold];

    public required string AlertId { get; init; }
    public required string Decision { get; init; }

    /// <summary>The recommendation's subject (action and entity), what a dismissal suppresses.</summary>
    public required string Subject { get; init; }

    /// <summary>The signed-in analyst's name (the identity provider's, or the local account's).</summary>
    public required string By { get; init; }

    /// <summary>Wall-clock time of the decision (ms): when a person decided, not when the trade happened.</summary>
    public long At { get; init; }

    /// <summary>Why a recommendation was dismissed (required for a dismissal).</summary>
    public string? Reason { get; init; }
    public string? Note { get; init; }

    /// <summary>For a dismissal that suppresses its subject: until when (wall clock, ms).</summary>
    public long? SuppressUntil { get; init; }
}
