using TradeSentinel.Alerting;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Alerting;

/// <summary>
/// The alerter's decisions against a real redis-server, as FreezeRecommendation v2 readers see them:
/// a subject that comes back a week later is a new incident and new work (not the first incident's
/// id again, which a running alerter would never produce twice), and a key of an app whose keys are
/// being revoked is marked as covered.
/// </summary>
public sealed class AlertDeciderIncidentTests : IDisposable
{
    private const long Day = 86_400_000;
    private const long Start = 1_672_207_200_000;
    private readonly LocalRedis _local = new();
    private readonly AlertDecider _decider;
    private readonly HashSet<string> _produced = [];

    public AlertDeciderIncidentTests() => _decider = new AlertDecider(new CorrelationStore(_local.Connector), new AlertingOptions());

    [Fact]
    public async Task A_key_used_again_a_week_later_is_a_new_incident_with_a_new_alert_id()
    {
        var first = Assert.Single(await DecideAsync(Flagged("T1", Start, "V1", "K1", app: null, counterparty: "B1")), a => a.ApiKeyId == "K1");
        Assert.Empty(await DecideAsync(Flagged("T2", Start + 60_000, "V1", "K1", app: null, counterparty: "B1"))); // the same incident: no new work
        var weekLater = Assert.Single(await DecideAsync(Flagged("T3", Start + 7 * Day, "V1", "K1", app: null, counterparty: "B7")), a => a.ApiKeyId == "K1");

        Assert.Equal(("rk:K1:critical", "rk:K1:T1"), (first.AlertId, first.IncidentId));
        Assert.Equal(("rk:K1:critical:T3", "rk:K1:T3"), (weekLater.AlertId, weekLater.IncidentId));
        Assert.Equal(["T3"], weekLater.Evidence!.TradeIds);
    }

    [Fact]
    public async Task A_key_of_an_app_whose_keys_are_being_revoked_is_marked_covered_by_that_incident()
    {
        var alerts = new List<FreezeRecommendation>();
        for (var i = 1; i <= 6; i++) // six accounts of app-3c, each paying a different seller: no beneficiary is confirmed
            alerts.AddRange(await DecideAsync(Flagged($"T{i}", Start + i * 1000, $"V{i}", $"K{i}", "app-3c", counterparty: $"B{i}")));

        var app = Assert.Single(alerts, a => a.Action == AlertActions.RevokeAppKeys);
        Assert.Equal("ra:app-3c:T5", app.IncidentId);
        Assert.All(alerts.Where(a => a.Action == AlertActions.RevokeApiKey && a.Ts <= app.Ts), a => Assert.Null(a.CoveredBy));
        Assert.Equal("ra:app-3c:T5", Assert.Single(alerts, a => a.ApiKeyId == "K6").CoveredBy);
    }

    [Fact]
    public async Task A_batch_read_again_after_an_aborted_transaction_decides_the_same_recommendations()
    {
        // One trade's two fills: the victim's stolen key paid B1, whose fill says it only ever won off-market.
        var victim = Flagged("T1", Start, "V1", "K1", app: null, counterparty: "B1");
        var winner = WinningFill.Of(victim);
        var first = await _decider.DecideAsync([victim, winner], _ => false);
        var appIncidentLater = await _decider.DecideAsync([.. Enumerable.Range(1, 6).Select(i =>
            Flagged($"T1{i}", Start + 60_000 + i, $"V1{i}", $"K1{i}", "app-3c", counterparty: $"B1{i}"))], _ => false);
        // A fill of the app from before its incident opened, decided (as in a re-read batch) once Redis holds that incident.
        var earlierKeyOfTheApp = Flagged("T09", Start + 30_000, "V09", "K09", "app-3c", counterparty: "B09");
        var keyBefore = await _decider.DecideAsync([earlierKeyOfTheApp], _ => false);

        // Nothing was delivered (the transaction aborted): the same fills come again, and Redis still
        // holds what their first reading wrote, the app's later incident included.
        var again = await _decider.DecideAsync([victim, winner], _ => false);
        var keyAgain = await _decider.DecideAsync([earlierKeyOfTheApp], _ => false);

        Assert.Contains(first, a => a.Action == AlertActions.FreezeAccount && a.AccountId == "B1");
        Assert.Single(appIncidentLater, a => a.Action == AlertActions.RevokeAppKeys);
        Assert.Equal(Json(first), Json(again));
        Assert.Equal(Json(keyBefore), Json(keyAgain));
        Assert.All(keyAgain, a => Assert.Null(a.CoveredBy)); // the app's incident opened after this fill
    }

    private async Task<List<FreezeRecommendation>> DecideAsync(ScoredFill fill)
    {
        var alerts = await _decider.DecideAsync([fill], _produced.Contains);
        foreach (var alert in alerts) _produced.Add(alert.AlertId);
        return alerts;
    }

    private static ScoredFill Flagged(string tradeId, long ts, string account, string key, string? app, string counterparty) => new()
    {
        Fill = new Fill
        {
            TradeId = tradeId,
            Ts = ts,
            Exchange = "demo",
            Symbol = "DMG-USDT",
            Side = "buy",
            Usd = 1000,
            AccountId = account,
            ApiKeyId = key,
            AppId = app,
            Channel = "api",
            Counterparty = new Counterparty { AccountId = counterparty, Channel = "api" },
        },
        Score = 0.99,
        AdversePremium = 1.5,
        Flagged = true,
        ModelVersion = "m1",
        NewSourceForKey = true,
        Reasons = [new AlertReason("price_premium", "paid 2.5x the 15-min VWAP")],
    };

    private static string[] Json(List<FreezeRecommendation> alerts) =>
        [.. alerts.Select(a => System.Text.Json.JsonSerializer.Serialize(a))];

    public void Dispose() => _local.Dispose();
}
