using System.Globalization;
using System.Text;
using TradeSentinel.Tools.Evaluation;

namespace TradeSentinel.Tools.Backtest;

/// <summary>The Markdown report: one table of scenario × metric (mean over seeds), product against the simple rule.</summary>
public static class BacktestReport
{
    public static string Render(IReadOnlyList<BacktestRow> rows, string model, IReadOnlyList<int> seeds, double hours)
    {
        var md = new StringBuilder();
        md.AppendLine("# TradeSentinel backtest").AppendLine();
        md.AppendLine($"Every scenario of the threat model at seeds {string.Join(", ", seeds)} ({hours} h of simulated market each), replayed through the");
        md.AppendLine($"whole pipeline (embedded Kafka broker, real redis-server) with model `{model}`. Figures are means over seeds;");
        md.AppendLine("`rule` is the floor: freeze an account the first time it buys above 1.3× the 15-min VWAP at over 3× its usual size.").AppendLine();
        md.AppendLine("| scenario | trades | prevented USD share (product / rule) | preventable at most | victim recall | beneficiary recall | account precision | false accounts per M trades | innocent accounts named (critical alerts) | app leak detected after | beneficiary frozen after (median / max) | wrong app revocations | detect delay trades (median / p95) |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var group in rows.GroupBy(r => r.Scenario))
        {
            var g = group.ToList();
            double Mean(Func<DetectionReport, double> f, bool rule = false) => g.Average(r => f(rule ? r.Rule : r.Product));
            var leak = g.SelectMany(r => r.Product.AppLeakDelayMs.Values).ToList();
            var leakText = leak.Count == 0 ? "—" : string.Join(" / ", leak.Select(d => d is null ? "missed" : $"{d / 1000.0:F0} s"));
            md.AppendLine(string.Join(" | ",
                $"| {group.Key}",
                $"{g.Average(r => r.Trades):N0}",
                $"{F(Mean(r => r.PreventedUsdShare))} / {F(Mean(r => r.PreventedUsdShare, rule: true))}",
                F(Mean(r => r.PreventableUsdShare)),
                $"{F(Mean(r => r.VictimRecall))} / {F(Mean(r => r.VictimRecall, rule: true))}",
                $"{F(Mean(r => r.BeneficiaryRecall))} / {F(Mean(r => r.BeneficiaryRecall, rule: true))}",
                $"{F(Mean(r => r.AccountPrecision))} / {F(Mean(r => r.AccountPrecision, rule: true))}",
                $"{Mean(r => r.FalseAccountsPerMillion):F1} / {Mean(r => r.FalseAccountsPerMillion, rule: true):F1}",
                $"{Mean(r => r.BenignAccountsNamed):0.#} ({Mean(r => r.BenignCriticalAlerts):0.#}) / {Mean(r => r.BenignAccountsNamed, rule: true):0.#}",
                leakText,
                FreezeDelays(g.SelectMany(r => r.Product.BeneficiaryFreezeDelayMs.Values).ToList()),
                $"{Mean(r => r.WrongAppRevocations):F1}",
                $"{Mean(r => r.DetectDelayTradesMedian):F1} / {Mean(r => r.DetectDelayTradesP95):F1} |"));
        }
        md.AppendLine().AppendLine("Victim recall, beneficiary recall and precision read product / rule. *Preventable at most*: the USD share an oracle");
        md.AppendLine("could stop by acting on every victim, key, leaked app and beneficiary at its first malicious trade (the first trade of");
        md.AppendLine("parties never seen before cannot be stopped by anyone). Charts: `charts/<scenario>.png` (first seed).");
        if (rows.Any(r => r.Scenario.StartsWith("tape ", StringComparison.Ordinal)))
        {
            md.AppendLine().AppendLine("`tape NAME`: a recorded tape alone, where everyone is innocent (what is named there is a false positive);");
            md.AppendLine("`+ app-leak`: a leaked app's keys laid over it in three of its thin coins (3 sellers, 8–20 min waves); `+ crowd14`: the same");
            md.AppendLine("sold into by 14 accounts in one coin within 3–8 min; `+ phished-crowd`: 12–20 phished own keys, each its own payer,");
            md.AppendLine("spent in one thin coin within 3–8 min into 10 new accounts (`sentinel overlay`, one row per seed).");
        }
        return md.ToString();
    }

    /// <summary>Event-time seconds from a beneficiary's first malicious trade to its freeze, over every beneficiary of the family.</summary>
    private static string FreezeDelays(List<long?> delays)
    {
        var frozen = delays.OfType<long>().Order().ToList();
        var missed = delays.Count - frozen.Count;
        var text = frozen.Count == 0 ? "—" : $"{frozen[frozen.Count / 2] / 1000.0:F0} s / {frozen[^1] / 1000.0:F0} s";
        return missed == 0 ? text : $"{text} ({missed} of {delays.Count} never)";
    }

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
}
