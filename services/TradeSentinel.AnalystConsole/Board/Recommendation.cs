using TradeSentinel.Alerting.Suppression;
using TradeSentinel.Core.Contract;

namespace TradeSentinel.AnalystConsole.Board;

/// <summary>
/// A recommendation as the console shows it. <see cref="Number"/> is the console's own handle for
/// it (its place in the order read), so pages and forms never carry an account, key or alert id.
/// </summary>
public sealed class Recommendation(int number, FreezeRecommendation alert)
{
    public int Number { get; } = number;
    public FreezeRecommendation Alert { get; } = alert;
    public string Subject { get; } = SuppressionSubject.Of(alert);
    public AnalystDecision? Decision { get; set; }

    /// <summary><c>open</c>, or the latest decision: <c>confirm</c>, <c>dismiss</c> or <c>hold</c>.</summary>
    public string State => Decision?.Decision ?? RecommendationStates.Open;
}
