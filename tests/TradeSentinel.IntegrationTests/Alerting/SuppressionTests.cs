using TradeSentinel.Alerting;
using TradeSentinel.Alerting.Suppression;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Alerting;

/// <summary>The alerter honours the analysts' allowlist (real redis-server): a suppressed subject gets no recommendation until the suppression ends.</summary>
public sealed class SuppressionTests : IDisposable
{
    private readonly LocalRedis _local = new();
    private readonly SuppressionList _suppressions;
    private readonly AlertDecider _decider;

    public SuppressionTests()
    {
        _suppressions = new SuppressionList(_local.Connector);
        _decider = new AlertDecider(new CorrelationStore(_local.Connector), new AlertingOptions(), _suppressions);
    }

    // A stolen key's first flagged fill from a new source: the key is revoked at once (AlertPolicyTests).
    private static ScoredFill StolenKeyFill(string key, string tradeId) => new()
    {
        Fill = new Fill
        {
            TradeId = tradeId,
            Ts = 1_672_207_200_000,
            Symbol = "DMG-USDT",
            Side = "buy",
            AccountId = "V-" + key,
            ApiKeyId = key,
            AppId = "app-3c",
            Channel = "api",
            Counterparty = new Counterparty { AccountId = "BEN", Channel = "api" },
        },
        Score = 0.99,
        AdversePremium = 1.5,
        Flagged = true,
        ModelVersion = "m1",
        NewSourceForKey = true,
        Reasons = [new AlertReason("price_premium", "paid 2.5x the 15-min VWAP")],
    };

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private Task Suppress(string key, long forMs) =>
        _suppressions.AddAsync(new Suppression($"{AlertActions.RevokeApiKey}:{key}", $"rk:{key}:critical", "analyst", "own bot", Now + forMs), Now);

    private async Task<List<FreezeRecommendation>> Decide(ScoredFill fill) => await _decider.DecideAsync([fill], _ => false);

    [Fact]
    public async Task A_suppressed_subject_gets_no_recommendation_and_others_still_do()
    {
        await Suppress("K1", 60_000);
        Assert.DoesNotContain(await Decide(StolenKeyFill("K1", "T1")), a => a.Action == AlertActions.RevokeApiKey);
        Assert.Contains(_decider.Suppressed, a => a.ApiKeyId == "K1"); // counted by the alerter, not lost
        Assert.Contains(await Decide(StolenKeyFill("K2", "T2")), a => a.Action == AlertActions.RevokeApiKey && a.ApiKeyId == "K2");
    }

    [Fact]
    public async Task An_expired_suppression_lets_the_subject_be_recommended_again()
    {
        // Suppressions expire in wall-clock time (an analyst's hour is an hour); two seconds leave a loaded machine room for the first decision.
        await Suppress("K3", 2_000);
        Assert.DoesNotContain(await Decide(StolenKeyFill("K3", "T3")), a => a.Action == AlertActions.RevokeApiKey);
        await Task.Delay(2_500);
        // The same fill again (a redelivery or a later trade): the suppressed attempt claimed nothing, so nothing holds it back.
        Assert.Contains(await Decide(StolenKeyFill("K3", "T3")), a => a.Action == AlertActions.RevokeApiKey && a.ApiKeyId == "K3");
        Assert.Empty(await _suppressions.ListAsync(Now));
    }

    [Fact]
    public async Task A_revoked_suppression_ends_at_once_and_leaves_the_list()
    {
        await Suppress("K4", 60_000);
        Assert.Single(await _suppressions.ListAsync(Now));
        await _suppressions.RevokeAsync($"{AlertActions.RevokeApiKey}:K4");
        Assert.Empty(await _suppressions.ListAsync(Now));
        Assert.Contains(await Decide(StolenKeyFill("K4", "T4")), a => a.ApiKeyId == "K4");
    }

    [Fact]
    public void A_subject_is_the_action_and_its_entity_whatever_the_severity()
    {
        FreezeRecommendation Alert(string action, string severity) => new()
        {
            AlertId = "x",
            Action = action,
            AccountId = "A1",
            ApiKeyId = "K1",
            AppId = "app-3c",
            Severity = severity,
            Reasons = [],
            TradeIds = ["T1"],
            ModelVersion = "m1",
        };
        Assert.Equal("revoke_app_keys:app-3c", SuppressionSubject.Of(Alert(AlertActions.RevokeAppKeys, "high")));
        Assert.Equal("revoke_api_key:K1", SuppressionSubject.Of(Alert(AlertActions.RevokeApiKey, "critical")));
        Assert.Equal(SuppressionSubject.Of(Alert(AlertActions.FreezeAccount, "medium")), SuppressionSubject.Of(Alert(AlertActions.FreezeAccount, "critical")));
    }

    public void Dispose() => _local.Dispose();
}
