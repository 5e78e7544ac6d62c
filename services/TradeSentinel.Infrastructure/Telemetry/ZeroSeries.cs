using System.Diagnostics;
using System.Reflection;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Validation;
using TradeSentinel.Infrastructure.Redis;

namespace TradeSentinel.Infrastructure.Telemetry;

/// <summary>
/// The labelled counter series a stage can move, created at zero when the process starts. A series
/// that first appears at 1 has no earlier sample, so Prometheus' <c>increase()</c> and <c>rate()</c>
/// see no change: the dashboard would miss the first recommendation of every action and severity,
/// and a rule on <c>increase()</c> the first dead letter.
/// </summary>
internal static class ZeroSeries
{
    private static readonly string[] Actions = [AlertActions.FreezeAccount, AlertActions.RevokeApiKey, AlertActions.RevokeAppKeys];

    // Every reason code of the one vocabulary, so a code added there is counted from zero too.
    private static readonly string[] RejectionReasons = typeof(Rejection).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToArray();

    private static readonly string[] AlertReasonCodes = typeof(ReasonCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToArray();

    // Refused credentials stop the stage instead of being counted and retried.
    private static readonly string[] RedisCauses = Enum.GetValues<RedisTrouble>().Where(t => t != RedisTrouble.Credentials)
        .Select(RedisRetry.Cause).Distinct().ToArray();

    private static readonly string[] RedisStages = ["market", "scorer", "alerter"];

    public static void Create(SentinelMetrics metrics, string stage)
    {
        foreach (var reason in RejectionReasons) metrics.DeadLetters.Add(0, new TagList { { "stage", stage }, { "reason", reason } });
        if (RedisStages.Contains(stage))
            foreach (var cause in RedisCauses) metrics.RedisErrors.Add(0, new TagList { { "stage", stage }, { "cause", cause } });
        switch (stage)
        {
            case "ingest":
                metrics.TradesIngested.Add(0);
                break;
            case "market":
                metrics.FillsProduced.Add(0);
                metrics.UnpricedTrades.Add(0);
                break;
            case "scorer":
                metrics.FillsScored.Add(0, new TagList { { "flagged", "true" } });
                metrics.FillsScored.Add(0, new TagList { { "flagged", "false" } });
                break;
            case "alerter":
                foreach (var action in Actions)
                    foreach (var severity in AlertSeverities.Ordered)
                        metrics.Alerts.Add(0, new TagList { { "action", action }, { "severity", severity } });
                foreach (var code in AlertReasonCodes) metrics.AlertReasons.Add(0, new TagList { { "code", code } });
                break;
        }
    }
}
