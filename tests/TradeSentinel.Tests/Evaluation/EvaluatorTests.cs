using TradeSentinel.Core.Contract;
using TradeSentinel.Tools.Evaluation;
using static TradeSentinel.Tools.Evaluation.Evaluator;

namespace TradeSentinel.Tests.Evaluation;

/// <summary>A hand-built stream whose metrics are worked out by hand in the comments.</summary>
public class EvaluatorTests
{
    // Victims V1 (key K1, app-x) and V2 (key K2, app-x) pay beneficiary B. Benign account N trades with M.
    private static readonly Dictionary<string, TradeParties> Trades = new()
    {
        ["m1"] = new(100, new("V1", "K1", "app-x"), new("B", null, null)),    // $100, before any alert
        ["m2"] = new(200, new("V1", "K1", "app-x"), new("B", null, null)),    // $200, alert at 150 covers V1 and B
        ["m3"] = new(300, new("V2", "K2", "app-x"), new("B", null, null)),    // $300, B covered → prevented
        ["m4"] = new(150, new("V2", "K2", "app-x"), new("B", null, null)),    // $400, ts 150 = alert ts: not strictly before
        ["b1"] = new(120, new("N", null, null), new("M", null, null)),
        ["b2"] = new(130, new("N", null, null), new("M", null, null)),
    };

    private static readonly List<Label> Labels =
    [
        new() { Kind = "victim", AccountId = "V1", ApiKeyId = "K1", AppId = "app-x", FirstTs = 100 },
        new() { Kind = "victim", AccountId = "V2", ApiKeyId = "K2", AppId = "app-x", FirstTs = 150 },
        new() { Kind = "beneficiary", AccountId = "B" },
        new() { Kind = "app_leak", AppId = "app-x", FirstTs = 100 },
        new() { Kind = "malicious_trade", TradeId = "m1", Victim = "V1", Beneficiary = "B", Usd = 100 },
        new() { Kind = "malicious_trade", TradeId = "m2", Victim = "V1", Beneficiary = "B", Usd = 200 },
        new() { Kind = "malicious_trade", TradeId = "m3", Victim = "V2", Beneficiary = "B", Usd = 300 },
        new() { Kind = "malicious_trade", TradeId = "m4", Victim = "V2", Beneficiary = "B", Usd = 400 },
    ];

    private static FreezeRecommendation Alert(string id, long ts, string action, string? role = null, string? account = null, string? key = null, string? app = null,
        string severity = "high") =>
        new()
        {
            AlertId = id,
            Ts = ts,
            Action = action,
            Role = role,
            AccountId = account,
            ApiKeyId = key,
            AppId = app,
            Severity = severity,
            Reasons = [new("x", "y")],
            TradeIds = ["m1"],
            ModelVersion = "m"
        };

    [Fact]
    public void Metrics_match_the_hand_worked_answers()
    {
        List<FreezeRecommendation> alerts =
        [
            Alert("a", 150, AlertActions.RevokeApiKey, account: "V1", key: "K1", app: "app-x"),
            Alert("b", 150, AlertActions.FreezeAccount, AlertActions.Beneficiary, account: "B"),
            Alert("c", 160, AlertActions.FreezeAccount, AlertActions.Victim, account: "N"), // a false positive
            Alert("d", 500, AlertActions.RevokeAppKeys, app: "app-x"),
            Alert("e", 600, AlertActions.RevokeAppKeys, app: "app-y"),
        ];
        var r = Evaluate(alerts, Labels, Trades);
        Assert.Equal(500.0 / 1000, r.PreventedUsdShare, 9);         // m2 (V1 and B covered at 150 < 200) + m3
        Assert.Equal(1.0, r.VictimRecall);                          // V1 by key alert, V2 through the correct app alert
        Assert.Equal(1.0, r.BeneficiaryRecall);
        Assert.Equal(2.0 / 3, r.AccountPrecision, 9);               // named: V1, B, N
        Assert.Equal(1e6 / 2, r.FalseAccountsPerMillion, 6);        // 1 benign account over 2 benign trades
        Assert.Equal(400, r.AppLeakDelayMs["app-x"]);
        Assert.Equal(1, r.WrongAppRevocations);
        // V1: m1 happened before cover (1). V2 is never covered before its trades: m4 and m3 (2).
        Assert.Equal(1.0, r.DetectDelayTradesMedian);
        Assert.Equal(2.0, r.DetectDelayTradesP95);
        Assert.Equal(50, r.BeneficiaryFreezeDelayMs["B"]);           // B's first malicious trade m1 at 100, frozen at 150
        Assert.Equal(0, r.BenignCriticalAlerts);
    }

    [Fact]
    public void A_critical_recommendation_against_an_innocent_account_or_app_is_counted_and_a_beneficiary_never_frozen_has_no_delay()
    {
        List<FreezeRecommendation> alerts =
        [
            Alert("a", 150, AlertActions.RevokeApiKey, account: "V1", key: "K1", app: "app-x", severity: "critical"),
            Alert("c", 160, AlertActions.FreezeAccount, AlertActions.Victim, account: "N", severity: "critical"),
            Alert("e", 600, AlertActions.RevokeAppKeys, app: "app-y", severity: "critical"),
            Alert("f", 700, AlertActions.FreezeAccount, AlertActions.Victim, account: "M"),
        ];
        var r = Evaluate(alerts, Labels, Trades);
        Assert.Equal(2, r.BenignCriticalAlerts);                     // N and app-y; V1 is a victim, M only "high"
        Assert.Null(r.BeneficiaryFreezeDelayMs["B"]);
    }

    [Fact]
    public void The_preventable_ceiling_counts_trades_with_a_party_already_seen_in_an_earlier_malicious_trade()
    {
        // m1 (100) meets only new parties; m4 (150) shares B and app-x with it; m2, m3 follow: (400 + 200 + 300) / 1000.
        Assert.Equal(0.9, Evaluate([], Labels, Trades).PreventableUsdShare, 9);

        // Two trades at the same instant sharing the beneficiary: neither is strictly after the other.
        var trades = new Dictionary<string, TradeParties>
        {
            ["x1"] = new(100, new("V1", "K1", null), new("B", null, null)),
            ["x2"] = new(100, new("V2", "K2", null), new("B", null, null)),
            ["x3"] = new(200, new("V3", "K3", "app-y"), new("C", null, null)),  // all new
            ["x4"] = new(300, new("V4", "K4", "app-y"), new("D", null, null)),  // same leaked app as x3: an app revocation stops it
            ["x5"] = new(400, new("V5", "K5", "app-z"), new("E", null, null)),  // app-z shares victims but did not leak
            ["x6"] = new(500, new("V6", "K6", "app-z"), new("F", null, null)),
        };
        List<Label> labels =
        [
            new() { Kind = "malicious_trade", TradeId = "x1", Victim = "V1", Beneficiary = "B", Usd = 100 },
            new() { Kind = "malicious_trade", TradeId = "x2", Victim = "V2", Beneficiary = "B", Usd = 100 },
            new() { Kind = "malicious_trade", TradeId = "x3", Victim = "V3", Beneficiary = "C", Usd = 100 },
            new() { Kind = "malicious_trade", TradeId = "x4", Victim = "V4", Beneficiary = "D", Usd = 100 },
            new() { Kind = "malicious_trade", TradeId = "x5", Victim = "V5", Beneficiary = "E", Usd = 100 },
            new() { Kind = "malicious_trade", TradeId = "x6", Victim = "V6", Beneficiary = "F", Usd = 100 },
            new() { Kind = "app_leak", AppId = "app-y", FirstTs = 200 },
        ];
        Assert.Equal(1.0 / 6, Evaluate([], labels, trades).PreventableUsdShare, 9);
    }

    [Fact]
    public void No_alerts_prevent_nothing_and_name_nobody()
    {
        var r = Evaluate([], Labels, Trades);
        Assert.Equal((0.0, 0.0, 0.0), (r.PreventedUsdShare, r.VictimRecall, r.BeneficiaryRecall));
        Assert.Null(r.AppLeakDelayMs["app-x"]);
        Assert.Equal(2.0, r.DetectDelayTradesMedian);
    }
}
