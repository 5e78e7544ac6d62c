using TradeSentinel.Core.Contract;
using static TradeSentinel.Core.Contract.AlertActions;

namespace TradeSentinel.Tools.Evaluation;

/// <summary>
/// Scores recommendations against labels exactly as contract section 5 defines. Trades are
/// needed for the key and app each malicious trade's parties used, and to count benign trades.
/// </summary>
public static class Evaluator
{
    /// <summary>The parties of one trade: (account, key, app) of buyer and seller.</summary>
    public sealed record Party(string Account, string? Key, string? App);

    public sealed record TradeParties(long Ts, Party Buyer, Party Seller);

    public static DetectionReport Evaluate(IReadOnlyList<FreezeRecommendation> alerts, IReadOnlyList<Label> labels,
        IReadOnlyDictionary<string, TradeParties> trades)
    {
        var malicious = labels.Where(l => l.Kind == LabelKinds.MaliciousTrade).ToList();
        var victims = labels.Where(l => l.Kind == "victim").ToList();
        var beneficiaries = labels.Where(l => l.Kind == LabelKinds.Beneficiary).Select(l => l.AccountId!).ToHashSet();
        var leaks = labels.Where(l => l.Kind == LabelKinds.AppLeak).ToDictionary(l => l.AppId!, l => l.FirstTs ?? 0);
        var guilty = victims.Select(v => v.AccountId!).Concat(beneficiaries).Concat(malicious.Select(m => m.Victim!)).ToHashSet();

        var report = new DetectionReport { Alerts = alerts.Count, Victims = victims.Count, Beneficiaries = beneficiaries.Count };

        var prevented = PreventedTrades(alerts, labels, trades);
        foreach (var m in malicious)
        {
            report.MaliciousUsd += m.Usd;
            if (prevented.Contains(m.TradeId!)) report.PreventedUsd += m.Usd;
        }
        report.PreventedUsdShare = report.MaliciousUsd > 0 ? report.PreventedUsd / report.MaliciousUsd : 1;
        report.PreventableUsdShare = report.MaliciousUsd > 0 ? PreventableUsd(malicious, leaks.Keys.ToHashSet(), trades) / report.MaliciousUsd : 1;

        var named = alerts.Where(a => a.Action is FreezeAccount or RevokeApiKey && a.AccountId is not null).Select(a => a.AccountId!).ToHashSet();
        var revokedApps = alerts.Where(a => a.Action == RevokeAppKeys).Select(a => a.AppId!).ToHashSet();
        report.VictimRecall = victims.Count == 0 ? 1 : victims.Count(v =>
            named.Contains(v.AccountId!) || (v.AppId is { } app && leaks.ContainsKey(app) && revokedApps.Contains(app))) / (double)victims.Count;
        var namedBeneficiaries = alerts.Where(a => a.Role == Beneficiary).Select(a => a.AccountId!).ToHashSet();
        report.BeneficiaryRecall = beneficiaries.Count == 0 ? 1 : beneficiaries.Count(namedBeneficiaries.Contains) / (double)beneficiaries.Count;
        report.AccountPrecision = named.Count == 0 ? 1 : named.Count(guilty.Contains) / (double)named.Count;
        var maliciousIds = malicious.Select(m => m.TradeId!).ToHashSet();
        report.BenignTrades = trades.Keys.Count(id => !maliciousIds.Contains(id));
        report.BenignAccountsNamed = named.Count(a => !guilty.Contains(a));
        report.BenignCriticalAlerts = alerts.Count(a => a.Severity == AlertSeverities.Critical
            && (a.AccountId is { } account ? !guilty.Contains(account) : a.AppId is { } app && !leaks.ContainsKey(app)));
        report.FalseAccountsPerMillion = report.BenignTrades == 0 ? 0 : report.BenignAccountsNamed * 1e6 / report.BenignTrades;

        foreach (var (app, firstTs) in leaks)
            report.AppLeakDelayMs[app] = alerts.Where(a => a.Action == RevokeAppKeys && a.AppId == app).Select(a => (long?)(a.Ts - firstTs)).Min();
        report.WrongAppRevocations = revokedApps.Count(app => !leaks.ContainsKey(app));
        foreach (var group in malicious.Where(m => trades.ContainsKey(m.TradeId!)).GroupBy(m => m.Beneficiary!))
        {
            var firstTs = group.Min(m => trades[m.TradeId!].Ts);
            report.BeneficiaryFreezeDelayMs[group.Key] = alerts.Where(a => a.Role == Beneficiary && a.AccountId == group.Key)
                .Select(a => (long?)(a.Ts - firstTs)).Min();
        }

        // detect_delay_trades: per victim, its malicious trades at or before the moment it was first covered.
        var delays = new List<double>();
        foreach (var group in malicious.GroupBy(m => m.Victim!))
        {
            var ordered = group.Where(m => trades.ContainsKey(m.TradeId!)).Select(m => trades[m.TradeId!]).OrderBy(t => t.Ts).ToList();
            var count = 0;
            foreach (var t in ordered)
            {
                var victim = t.Buyer.Account == group.Key ? t.Buyer : t.Seller;
                if (CoveredAt(alerts, victim, t.Ts, strict: true) is not null) break;
                count++;
            }
            delays.Add(count);
        }
        delays.Sort();
        report.DetectDelayTradesMedian = Percentile(delays, 0.5);
        report.DetectDelayTradesP95 = Percentile(delays, 0.95);
        return report;
    }

    /// <summary>Malicious trades whose victim or beneficiary was already covered by an alert raised by an earlier trade.</summary>
    public static HashSet<string> PreventedTrades(IReadOnlyList<FreezeRecommendation> alerts, IReadOnlyList<Label> labels,
        IReadOnlyDictionary<string, TradeParties> trades)
    {
        var prevented = new HashSet<string>();
        foreach (var m in labels.Where(l => l.Kind == LabelKinds.MaliciousTrade))
        {
            if (!trades.TryGetValue(m.TradeId!, out var t)) continue;
            var victim = t.Buyer.Account == m.Victim ? t.Buyer : t.Seller;
            var beneficiary = t.Buyer.Account == m.Victim ? t.Seller : t.Buyer;
            if (CoveredAt(alerts, victim, t.Ts, strict: true) is not null || CoveredAt(alerts, beneficiary, t.Ts, strict: true) is not null)
                prevented.Add(m.TradeId!);
        }
        return prevented;
    }

    /// <summary>
    /// USD of malicious trades whose victim, victim's key or leaked app, or beneficiary had already
    /// taken part in a malicious trade at a strictly earlier time: what an oracle acting at once
    /// could stop. Only a leaked app counts: revoking an app whose users merely happen to be among
    /// the victims would be a wrong revocation, not a prevention.
    /// </summary>
    public static double PreventableUsd(IReadOnlyList<Label> malicious, IReadOnlySet<string> leakedApps, IReadOnlyDictionary<string, TradeParties> trades)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        var preventable = 0.0;
        var byTime = malicious.Where(m => trades.ContainsKey(m.TradeId!)).GroupBy(m => trades[m.TradeId!].Ts).OrderBy(g => g.Key);
        foreach (var sameTs in byTime)
        {
            var seen = new List<string>();
            foreach (var m in sameTs)
            {
                var t = trades[m.TradeId!];
                var (victim, beneficiary) = t.Buyer.Account == m.Victim ? (t.Buyer, t.Seller) : (t.Seller, t.Buyer);
                string?[] marks = ["a:" + victim.Account, "a:" + beneficiary.Account, victim.Key is null ? null : "k:" + victim.Key, victim.App is { } app && leakedApps.Contains(app) ? "p:" + app : null];
                if (marks.Any(k => k is not null && known.Contains(k))) preventable += m.Usd;
                seen.AddRange(marks.OfType<string>());
            }
            known.UnionWith(seen); // only trades at a strictly later time can be stopped by these
        }
        return preventable;
    }

    /// <summary>The first alert covering the party at <paramref name="ts"/> (before it, when strict).</summary>
    private static FreezeRecommendation? CoveredAt(IReadOnlyList<FreezeRecommendation> alerts, Party party, long ts, bool strict) =>
        alerts.FirstOrDefault(a => (strict ? a.Ts < ts : a.Ts <= ts) && (
            (a.Action is FreezeAccount or RevokeApiKey && a.AccountId == party.Account)
            || (a.Action == RevokeApiKey && party.Key is not null && a.ApiKeyId == party.Key)
            || (a.Action == RevokeAppKeys && party.App is not null && a.AppId == party.App)));

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
}
