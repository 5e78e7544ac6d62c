using System.Text;
using System.Text.Json;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Validation;

namespace TradeSentinel.Scoring.Training;

/// <summary>
/// The analysts' decisions (records of <c>sentinel.decisions</c>) as training labels for the venue's
/// own stream: a confirmed recommendation about a paying account (a key revocation, a victim's
/// freeze) marks that account's trades in its evidence as malicious; a confirmed beneficiary or app
/// leak is labelled as such; a dismissed one leaves its trades benign, which the model then learns
/// they are. A held or undecided recommendation labels nothing. The latest decision per
/// recommendation wins, as on the compacted topic.
/// </summary>
public static class DecisionLabels
{
    public sealed record Counts(int Confirmed, int Dismissed, int MaliciousTrades, int Unmatched);

    /// <param name="decisionsPath">AnalystDecision records, one per line (a dump of <c>sentinel.decisions</c>).</param>
    /// <param name="alertsPath">The recommendations they decide (a dump of <c>sentinel.alerts</c>, or <c>sentinel replay</c>'s output).</param>
    public static Counts Write(string decisionsPath, string alertsPath, string labelsPath)
    {
        var latest = new Dictionary<string, AnalystDecision>();
        foreach (var line in File.ReadLines(decisionsPath).Where(l => l.Length > 0))
        {
            AnalystDecision? decision;
            try
            {
                decision = JsonSerializer.Deserialize(line, SentinelJson.Default.AnalystDecision);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{decisionsPath}: not a decision record ({e.Message})", e);
            }
            if (decision is null) throw new InvalidDataException($"{decisionsPath}: not a decision record");
            latest[decision.AlertId] = decision;
        }
        var alerts = new Dictionary<string, FreezeRecommendation>();
        foreach (var line in File.ReadLines(alertsPath).Where(l => l.Length > 0))
            if (RecommendationRecord.TryRead(Encoding.UTF8.GetBytes(line), out var alert, out _)) alerts[alert.AlertId] = alert;

        int confirmed = 0, dismissed = 0, unmatched = 0;
        var malicious = new HashSet<(string TradeId, string Victim)>();
        var labels = new List<string>();
        foreach (var decision in latest.Values)
        {
            if (!alerts.TryGetValue(decision.AlertId, out var alert))
            {
                unmatched++;
                continue;
            }
            if (decision.Decision == AnalystDecision.Dismiss) dismissed++;
            if (decision.Decision != AnalystDecision.Confirm) continue;
            confirmed++;
            if (alert.Action == AlertActions.RevokeAppKeys && alert.AppId is { } app)
                labels.Add(JsonSerializer.Serialize(new { kind = LabelKinds.AppLeak, app_id = app, first_ts = alert.Ts }));
            else if (alert.Role == AlertActions.Beneficiary && alert.AccountId is { } beneficiary)
                labels.Add(JsonSerializer.Serialize(new { kind = LabelKinds.Beneficiary, account_id = beneficiary }));
            else if (alert.AccountId is { } victim)
                foreach (var trade in alert.Evidence?.TradeIds ?? alert.TradeIds)
                    malicious.Add((trade, victim));
        }
        labels.AddRange(malicious.Select(m => JsonSerializer.Serialize(new { kind = LabelKinds.MaliciousTrade, trade_id = m.TradeId, victim = m.Victim })));
        File.WriteAllLines(labelsPath, labels);
        return new Counts(confirmed, dismissed, malicious.Count, unmatched);
    }
}
