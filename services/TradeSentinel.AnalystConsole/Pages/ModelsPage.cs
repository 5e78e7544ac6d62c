using System.Text;
using Microsoft.AspNetCore.Http;
using TradeSentinel.AnalystConsole.Board;
using TradeSentinel.Core.Contract;
using static TradeSentinel.AnalystConsole.Pages.Html;

namespace TradeSentinel.AnalystConsole.Pages;

/// <summary>
/// Candidate models in shadow: per candidate, the subjects it would raise and drop against the live model
/// on the stream it was compared on, read against what the analysts decided about those subjects.
/// </summary>
public static class ModelsPage
{
    public const string Regression = "regression";
    public const string LikelyFalsePositive = "likely false positive";

    public static IResult Render(HttpContext context, ShadowDiffs shadow, ConsoleBoard board)
    {
        var diffs = shadow.Latest();
        var decisions = board.SubjectDecisions();
        var body = new StringBuilder("""<p class="muted">Each candidate's latest <code>sentinel shadow</code> comparison: the same stream through the whole pipeline with the live model and with the candidate. """)
            .Append("A lost subject analysts confirmed is a <b>regression</b>; a gained subject they dismissed is a <b>likely false positive</b>.</p>");
        if (!board.CaughtUp) body.Append("""<p class="muted">Still reading the topics: the comparisons and decisions are not complete yet.</p>""");
        if (diffs.Count == 0) body.Append("""<p class="muted">No candidate has been compared yet.</p>""");
        foreach (var diff in diffs)
        {
            var regressions = diff.Lost.Count(s => decisions.GetValueOrDefault(s.Subject) == AnalystDecision.Confirm);
            var falsePositives = diff.Gained.Count(s => decisions.GetValueOrDefault(s.Subject) == AnalystDecision.Dismiss);
            body.Append("""<section class="candidate">""")
                .Append($"<h2>{E(diff.CandidateModelVersion)}</h2>")
                .Append($"""<p>against live {E(diff.LiveModelVersion)} on {E(diff.Input)} ({diff.Trades:N0} trades): """)
                .Append($"{diff.Gained.Count} subjects gained, {diff.Lost.Count} lost, {diff.Kept.Count} kept; ")
                .Append($"""<span class="{(regressions > 0 ? "mark-regression" : "")}">{regressions} regressions</span>, {falsePositives} likely false positives.</p>""")
                .Append(Table("Lost: the live model recommends, the candidate would not", "lost", diff.Lost, decisions, AnalystDecision.Confirm, Regression))
                .Append(Table("Gained: the candidate would recommend, the live model does not", "gained", diff.Gained, decisions, AnalystDecision.Dismiss, LikelyFalsePositive))
                .Append("</section>");
        }
        return Page(context, "Models", body.ToString());
    }

    private static string Table(string title, string kind, IReadOnlyList<ShadowSubject> subjects, Dictionary<string, string> decisions,
        string markedDecision, string mark)
    {
        var table = new StringBuilder($"<h3>{E(title)}</h3>");
        if (subjects.Count == 0) return table.Append("""<p class="muted">None.</p>""").ToString();
        table.Append($"""<table class="{E(kind)}"><thead><tr><th>subject</th><th>severity</th><th>score</th><th>first (UTC)</th><th>recs</th><th>analysts</th><th>reasons</th></tr></thead><tbody>""");
        foreach (var s in subjects)
        {
            var decision = decisions.GetValueOrDefault(s.Subject);
            var markClass = mark == Regression ? "mark-regression" : "mark-false-positive";
            table.Append($"""<tr class="{E(kind)}"><td>{E(s.Subject)}</td><td><span class="sev-{E(s.Severity)}">{E(s.Severity)}</span></td>""")
                .Append($"<td>{E(Num(s.Score, "0.###"))}</td><td>{E(Time(s.Ts))}</td><td>{s.Recommendations}</td><td>")
                .Append(decision is null ? """<span class="muted">undecided</span>""" : E(decision))
                .Append(decision == markedDecision ? $""" <span class="{markClass}">{E(mark)}</span>""" : "")
                .Append($"</td><td>{E(string.Join("; ", s.Reasons))}</td></tr>");
        }
        return table.Append("</tbody></table>").ToString();
    }
}
