using TradeSentinel.Core.Contract;

namespace TradeSentinel.AnalystConsole.Board;

/// <summary>The states a recommendation or an incident can be in, as the queue filters them.</summary>
public static class RecommendationStates
{
    public const string Open = "open";

    public static readonly IReadOnlyList<string> All = [Open, AnalystDecision.Hold, AnalystDecision.Confirm, AnalystDecision.Dismiss];

    /// <summary>An incident is as undecided as its least decided recommendation.</summary>
    public static string OfIncident(IEnumerable<Recommendation> recommendations) =>
        All.First(state => recommendations.Any(r => r.State == state));
}
