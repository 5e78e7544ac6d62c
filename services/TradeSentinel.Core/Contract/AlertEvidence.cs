namespace TradeSentinel.Core.Contract;

/// <summary>FreezeRecommendation v2's <c>evidence</c>: what raised the recommendation, about its own subject.</summary>
public sealed class AlertEvidence
{
    /// <summary>Every trade of the subject that raised it within the alerter's window (a victim's own trades on a victim's record), oldest first.</summary>
    public required IReadOnlyList<string> TradeIds { get; init; }

    /// <summary>The accounts, keys and apps involved, each with its role.</summary>
    public required IReadOnlyList<RelatedParty> Related { get; init; }

    /// <summary>USD value of <see cref="TradeIds"/>: what the subject lost or won in them.</summary>
    public double UsdAtStake { get; init; }
}
