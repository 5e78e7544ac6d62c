using TradeSentinel.AnalystConsole.Auth;
using TradeSentinel.AnalystConsole.Board;
using TradeSentinel.Core.Contract;

namespace TradeSentinel.Tests.AnalystConsole;

/// <summary>The console's read model: incidents as analysts work them, the latest decision, bounded price tapes, the dev accounts.</summary>
public sealed class ConsoleBoardTests
{
    private static FreezeRecommendation Alert(string id, string action, string? account, string? key, string? app, long ts, string role = "victim", params string[] trades) => new()
    {
        AlertId = id,
        Ts = ts,
        Action = action,
        Role = action == AlertActions.RevokeAppKeys ? null : role,
        AccountId = account,
        ApiKeyId = key,
        AppId = app,
        Symbol = "DMG-USDT",
        Severity = "high",
        Score = 0.99,
        Reasons = [new AlertReason("price_premium", "paid 4x")],
        TradeIds = trades,
        ModelVersion = "m1",
    };

    private static AnalystDecision Decision(string alertId, string kind, long at) => new()
    {
        AlertId = alertId,
        Decision = kind,
        Subject = "s",
        By = "analyst",
        At = at,
        Reason = kind == AnalystDecision.Dismiss ? "bot" : null,
    };

    [Fact]
    public void A_leaked_apps_victims_keys_and_beneficiary_are_one_incident_and_an_unrelated_key_another()
    {
        var board = new ConsoleBoard();
        board.AddRecommendation(Alert("rk:K1:high", AlertActions.RevokeApiKey, "V1", "K1", "app-3c", 1_000, trades: "T1"));
        board.AddRecommendation(Alert("rk:K2:high", AlertActions.RevokeApiKey, "V2", "K2", "app-3c", 2_000, trades: "T2"));
        // The beneficiary names no app: it joins through the victims' trades.
        board.AddRecommendation(Alert("fa:beneficiary:B1:medium", AlertActions.FreezeAccount, "B1", null, null, 3_000, "beneficiary", "T1", "T2"));
        board.AddRecommendation(Alert("rk:K9:high", AlertActions.RevokeApiKey, "V9", "K9", null, 2_500, trades: "T9"));

        var incidents = board.Incidents();
        Assert.Equal(2, incidents.Count);
        var leak = incidents[0]; // newest first
        Assert.Equal(["V1", "V2"], leak.Victims);
        Assert.Equal(["B1"], leak.Beneficiaries);
        Assert.Equal(["K1", "K2"], leak.Keys);
        Assert.Equal(["app-3c"], leak.Apps);
        Assert.Equal(["V9"], incidents[1].Victims);
    }

    [Fact]
    public void The_latest_decision_wins_even_when_read_before_its_recommendation()
    {
        var board = new ConsoleBoard();
        board.ApplyDecision(Decision("rk:K1:high", AnalystDecision.Hold, 10));
        board.AddRecommendation(Alert("rk:K1:high", AlertActions.RevokeApiKey, "V1", "K1", null, 1_000, trades: "T1"));
        Assert.Equal(AnalystDecision.Hold, board.Incidents().Single().State);
        board.ApplyDecision(Decision("rk:K1:high", AnalystDecision.Dismiss, 20));
        board.ApplyDecision(Decision("rk:K1:high", AnalystDecision.Confirm, 15)); // older: a late redelivery
        Assert.Equal(AnalystDecision.Dismiss, board.Recommendation(1)!.State);
    }

    [Fact]
    public void An_incident_is_open_while_any_of_its_recommendations_is()
    {
        var board = new ConsoleBoard();
        board.AddRecommendation(Alert("a", AlertActions.RevokeApiKey, "V1", "K1", "app-3c", 1_000, trades: "T1"));
        board.AddRecommendation(Alert("b", AlertActions.RevokeApiKey, "V2", "K2", "app-3c", 2_000, trades: "T2"));
        board.ApplyDecision(Decision("a", AnalystDecision.Confirm, 1));
        Assert.Equal(RecommendationStates.Open, board.Incidents().Single().State);
        board.ApplyDecision(Decision("b", AnalystDecision.Confirm, 2));
        Assert.Equal(AnalystDecision.Confirm, board.Incidents().Single().State);
    }

    [Fact]
    public void A_price_tape_keeps_minutes_around_the_newest_trade_only()
    {
        var tape = new PriceTape();
        tape.Add(60_000, 1.0, 10);
        tape.Add(90_000, 3.0, 10);
        tape.Add(61_000, 0.5, 10);
        var minute = Assert.Single(tape.Between(0, 200_000));
        Assert.Equal((0.5, 3.0, 0.5, 30.0), (minute.Low, minute.High, minute.Last, minute.Usd));
        tape.Add(60_000 + PriceTape.KeptMinutes * 60_000L, 2.0, 1); // a week later: the first minute goes
        Assert.Empty(tape.Between(0, 200_000));
        Assert.Single(tape.Between(0, long.MaxValue));
    }

    [Fact]
    public void The_documented_dev_accounts_sign_in_with_their_roles_and_nothing_else_does()
    {
        var accounts = LocalAccounts.Load(TradeSentinel.AnalystConsole.ConsoleApp.DevAccountsFile);
        Assert.Equal(["viewer", "analyst"], accounts.Verify("analyst", "sentinel-analyst")!.Roles);
        Assert.Equal(["viewer"], accounts.Verify("viewer", "sentinel-viewer")!.Roles);
        Assert.Null(accounts.Verify("analyst", "sentinel-viewer"));
        Assert.Null(accounts.Verify("root", "sentinel-analyst"));
    }

    [Fact]
    public void A_password_hash_verifies_its_password_only_and_never_contains_it()
    {
        var hash = PasswordHash.Create("correct horse", iterations: 1_000);
        Assert.DoesNotContain("correct horse", hash);
        Assert.True(PasswordHash.Verify("correct horse", hash));
        Assert.False(PasswordHash.Verify("correct hors", hash));
        Assert.False(PasswordHash.Verify("correct horse", "plain-text"));
        Assert.NotEqual(hash, PasswordHash.Create("correct horse", iterations: 1_000)); // salted
    }
}
