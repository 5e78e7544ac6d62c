using TradeSentinel.Core.Contract;

namespace TradeSentinel.AnalystConsole.Board;

/// <summary>
/// Recommendations that share an app, an account, a key or an evidence trade: one leak, its
/// victims, keys and beneficiaries. Numbered by its first recommendation.
/// </summary>
public sealed class Incident(IReadOnlyList<Recommendation> recommendations)
{
    private static readonly string[] Severities = ["low", "medium", "high", "critical"];

    public IReadOnlyList<Recommendation> Recommendations { get; } = recommendations;
    public int Number => Recommendations.Min(r => r.Number);
    public long FirstTs => Recommendations.Min(r => r.Alert.Ts);
    public long LastTs => Recommendations.Max(r => r.Alert.Ts);
    public string State => RecommendationStates.OfIncident(Recommendations);
    public string Severity => Recommendations.Select(r => r.Alert.Severity).MaxBy(s => Array.IndexOf(Severities, s))!;

    public IReadOnlyList<string> Apps => Distinct(r => r.Alert.AppId);
    public IReadOnlyList<string> Symbols => Distinct(r => r.Alert.Symbol);
    public IReadOnlyList<string> Keys => Distinct(r => r.Alert.ApiKeyId);
    public IReadOnlyList<string> Actions => Distinct(r => r.Alert.Action);
    public IReadOnlyList<string> Beneficiaries => Distinct(r => r.Alert.Role == AlertActions.Beneficiary ? r.Alert.AccountId : null);
    public IReadOnlyList<string> Victims => Distinct(r => r.Alert.Role == AlertActions.Beneficiary ? null : r.Alert.AccountId);
    public IReadOnlyList<string> TradeIds => Recommendations.SelectMany(r => r.Alert.TradeIds).Distinct().Order(StringComparer.Ordinal).ToList();

    private List<string> Distinct(Func<Recommendation, string?> pick) =>
        Recommendations.Select(pick).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
}
