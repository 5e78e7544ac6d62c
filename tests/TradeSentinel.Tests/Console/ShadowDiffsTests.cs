using TradeSentinel.AnalystConsole.Board;
using TradeSentinel.Core.Contract;

namespace TradeSentinel.Tests.AnalystConsole;

/// <summary>What the models page reads: the latest comparison per candidate, and what analysts last decided per subject.</summary>
public sealed class ShadowDiffsTests
{
    private static ShadowDiff Diff(string candidate, string input) => new()
    {
        CandidateModelVersion = candidate,
        LiveModelVersion = "live",
        Input = input,
        Gained = [],
        Lost = [],
        Kept = [],
    };

    [Fact]
    public void The_latest_comparison_per_candidate_is_shown_newest_first_and_a_tombstone_withdraws_it()
    {
        var diffs = new ShadowDiffs();
        diffs.Apply("a", Diff("a", "monday"));
        diffs.Apply("b", Diff("b", "monday"));
        diffs.Apply("a", Diff("a", "tuesday"));
        Assert.Equal(["a:tuesday", "b:monday"], diffs.Latest().Select(d => $"{d.CandidateModelVersion}:{d.Input}"));

        diffs.Apply("a", null);
        Assert.Equal(["b"], diffs.Latest().Select(d => d.CandidateModelVersion));
    }

    [Fact]
    public void A_subjects_latest_decision_counts_even_when_its_recommendation_is_no_longer_on_the_alert_topic()
    {
        var board = new ConsoleBoard();
        board.AddRecommendation(new FreezeRecommendation
        {
            AlertId = "r1",
            Action = AlertActions.FreezeAccount,
            AccountId = "A1",
            Severity = "high",
            Reasons = [],
            TradeIds = [],
            ModelVersion = "m",
        });
        board.ApplyDecision(Decision("r1", "freeze_account:A1", AnalystDecision.Dismiss, at: 1));
        board.ApplyDecision(Decision("r0", "freeze_account:A1", AnalystDecision.Confirm, at: 2)); // an older recommendation of the subject, expired from the topic
        board.ApplyDecision(Decision("r9", "revoke_api_key:K9", AnalystDecision.Dismiss, at: 3));

        var decisions = board.SubjectDecisions();

        Assert.Equal(AnalystDecision.Confirm, decisions["freeze_account:A1"]);
        Assert.Equal(AnalystDecision.Dismiss, decisions["revoke_api_key:K9"]);
        Assert.Equal(2, decisions.Count);
    }

    private static AnalystDecision Decision(string alertId, string subject, string kind, long at) => new()
    {
        AlertId = alertId,
        Decision = kind,
        Subject = subject,
        By = "analyst",
        At = at,
        Reason = kind == AnalystDecision.Dismiss ? "x" : null,
    };
}
