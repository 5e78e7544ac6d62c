using System.Text.Json;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Tests.Fixtures;
using TradeSentinel.Tools.Shadow;

namespace TradeSentinel.Tests.Shadow;

/// <summary>The shadow comparison: by subject, whatever the alert ids, each side described by its own first recommendation.</summary>
public sealed class ShadowComparisonTests
{
    private static FreezeRecommendation Alert(string id, string action, string? account, string? key, string? app, long ts, string severity = "high") => new()
    {
        AlertId = id,
        Ts = ts,
        Action = action,
        AccountId = account,
        ApiKeyId = key,
        AppId = app,
        Symbol = "DMG-USDT",
        Severity = severity,
        Score = 0.99,
        Reasons = [new AlertReason("price_premium", $"paid 4x ({id})")],
        TradeIds = [$"t-{id}"],
        ModelVersion = "m",
    };

    private static readonly FreezeRecommendation[] Live =
    [
        Alert("l1", AlertActions.FreezeAccount, "A1", null, null, 1_000),
        Alert("l2", AlertActions.RevokeApiKey, "A1", "K1", "app-x", 2_000),
        Alert("l3", AlertActions.FreezeAccount, "A2", null, null, 3_000),
    ];

    private static readonly FreezeRecommendation[] Candidate =
    [
        Alert("c1", AlertActions.RevokeApiKey, "A1", "K1", "app-x", 2_500), // the same subject raised on another fill: kept
        Alert("c3", AlertActions.RevokeAppKeys, null, null, "app-x", 2_600),
        Alert("c2", AlertActions.FreezeAccount, "A3", null, null, 900, "critical"),
        Alert("c4", AlertActions.FreezeAccount, "A3", null, null, 4_000, "critical"),
    ];

    [Fact]
    public void Subjects_only_the_candidate_raises_are_gained_only_the_live_model_raises_are_lost_and_both_are_kept()
    {
        var diff = ShadowComparison.Compare(Live, Candidate, "live-v", "cand-v", "recent.jsonl", 42);

        Assert.Equal(["freeze_account:A3", "revoke_app_keys:app-x"], diff.Gained.Select(s => s.Subject));
        Assert.Equal(["freeze_account:A1", "freeze_account:A2"], diff.Lost.Select(s => s.Subject));
        Assert.Equal(["revoke_api_key:K1"], diff.Kept);
        Assert.Equal(("live-v", "cand-v", "recent.jsonl", 42L), (diff.LiveModelVersion, diff.CandidateModelVersion, diff.Input, diff.Trades));
    }

    [Fact]
    public void A_subject_is_described_by_its_first_recommendation_and_counts_them_all()
    {
        var gained = ShadowComparison.Compare(Live, Candidate, "l", "c", "f", 0).Gained[0];

        Assert.Equal(("c2", 900L, 2, "critical", "A3"), (gained.AlertId, gained.Ts, gained.Recommendations, gained.Severity, gained.AccountId));
        Assert.Equal(["paid 4x (c2)"], gained.Reasons);
    }

    [Fact]
    public void The_same_runs_in_any_order_give_byte_identical_json_valid_against_its_schema()
    {
        var once = JsonSerializer.Serialize(ShadowComparison.Compare(Live, Candidate, "l", "c", "f", 7), SentinelJson.Default.ShadowDiff);
        var shuffled = JsonSerializer.Serialize(ShadowComparison.Compare(Live.Reverse(), Candidate.Reverse(), "l", "c", "f", 7), SentinelJson.Default.ShadowDiff);

        Assert.Equal(once, shuffled);
        Schemas.AssertValid(Schemas.Load("shadow-diff.v1.schema.json"), once);
    }
}
