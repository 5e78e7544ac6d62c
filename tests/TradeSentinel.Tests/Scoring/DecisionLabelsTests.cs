using System.Text.Json;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Scoring.Training;

namespace TradeSentinel.Tests.Scoring;

/// <summary>The analysts' decisions become the labels `sentinel train --decisions` trains on.</summary>
public sealed class DecisionLabelsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("decision-labels-").FullName;

    private static FreezeRecommendation Alert(string id, string action, string? role, string? account, string? app, params string[] trades) => new()
    {
        AlertId = id,
        Ts = 1_672_191_277_032,
        Action = action,
        Role = role,
        AccountId = account,
        AppId = app,
        Severity = "high",
        Score = 0.99,
        Reasons = [new AlertReason(ReasonCodes.PricePremium, "paid 5x")],
        TradeIds = [trades[0]],
        ModelVersion = "m",
        Evidence = new AlertEvidence { TradeIds = trades, Related = [] },
    };

    private static AnalystDecision Decision(string alertId, string decision) =>
        new() { AlertId = alertId, Decision = decision, Subject = "s", By = "analyst", At = 1, Reason = decision == AnalystDecision.Dismiss ? "known bot" : null };

    private string Write<T>(string name, IEnumerable<T> records, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, records.Select(r => JsonSerializer.Serialize(r, info)));
        return path;
    }

    [Fact]
    public void Confirmed_payers_label_their_evidence_trades_dismissed_ones_stay_benign_and_the_latest_decision_wins()
    {
        var alerts = Write("alerts.jsonl", new[]
        {
            Alert("rk:K1:critical", AlertActions.RevokeApiKey, null, "V1", "app-x", "T1", "T2"),
            Alert("fa:victim:V2:high", AlertActions.FreezeAccount, AlertActions.Victim, "V2", null, "T3"),
            Alert("fa:beneficiary:B1:medium", AlertActions.FreezeAccount, AlertActions.Beneficiary, "B1", null, "T1"),
            Alert("ra:app-x:critical", AlertActions.RevokeAppKeys, null, null, "app-x", "T1"),
        }, SentinelJson.Default.FreezeRecommendation);
        var decisions = Write("decisions.jsonl", new[]
        {
            Decision("rk:K1:critical", AnalystDecision.Confirm),
            Decision("fa:victim:V2:high", AnalystDecision.Confirm),
            Decision("fa:victim:V2:high", AnalystDecision.Dismiss), // changed mind: the later one counts
            Decision("fa:beneficiary:B1:medium", AnalystDecision.Confirm),
            Decision("ra:app-x:critical", AnalystDecision.Hold),
            Decision("rk:gone:high", AnalystDecision.Confirm),
        }, SentinelJson.Default.AnalystDecision);
        var labels = Path.Combine(_dir, "labels.jsonl");

        var counts = DecisionLabels.Write(decisions, alerts, labels);

        Assert.Equal(new DecisionLabels.Counts(Confirmed: 2, Dismissed: 1, MaliciousTrades: 2, Unmatched: 1), counts);
        Assert.Equal(new HashSet<(string, string)> { ("T1", "V1"), ("T2", "V1") }, LabelledFills.Read(labels));
        var kinds = File.ReadLines(labels).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("kind").GetString()).ToList();
        Assert.Contains("beneficiary", kinds);
        Assert.DoesNotContain("app_leak", kinds); // held, not confirmed
    }

    [Fact]
    public void A_line_that_is_no_decision_is_refused_naming_the_file()
    {
        var decisions = Path.Combine(_dir, "decisions.jsonl");
        File.WriteAllText(decisions, "{not json\n");
        var alerts = Path.Combine(_dir, "alerts.jsonl");
        File.WriteAllText(alerts, "");
        var error = Assert.Throws<InvalidDataException>(() => DecisionLabels.Write(decisions, alerts, Path.Combine(_dir, "labels.jsonl")));
        Assert.Contains(decisions, error.Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
