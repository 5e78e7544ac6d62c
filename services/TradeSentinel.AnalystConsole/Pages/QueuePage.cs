using System.Text;
using Microsoft.AspNetCore.Http;
using TradeSentinel.AnalystConsole.Board;
using TradeSentinel.Core.Contract;
using static TradeSentinel.AnalystConsole.Pages.Html;

namespace TradeSentinel.AnalystConsole.Pages;

/// <summary>The queue: one row per incident, newest first, with the filters.</summary>
public static class QueuePage
{
    private static readonly string[] ActionNames = [AlertActions.FreezeAccount, AlertActions.RevokeApiKey, AlertActions.RevokeAppKeys];
    private static readonly string[] SeverityNames = ["critical", "high", "medium", "low"];

    public static IResult Render(HttpContext context, ConsoleBoard board)
    {
        var filter = QueueFilter.From(context.Request);
        var all = board.Incidents();
        var shown = all.Where(filter.Matches).ToList();
        var body = new StringBuilder();
        body.Append("""<form method="get" action="/" class="filters">""")
            .Append(Select("action", filter.Action, ActionNames))
            .Append(Select("severity", filter.Severity, SeverityNames))
            .Append(Select("app", filter.App, all.SelectMany(i => i.Apps).Distinct().Order(StringComparer.Ordinal)))
            .Append(Select("symbol", filter.Symbol, all.SelectMany(i => i.Symbols).Distinct().Order(StringComparer.Ordinal)))
            .Append(Select("state", filter.State, RecommendationStates.All))
            .Append("""<button>Filter</button> <a href="/">clear</a></form>""");
        if (!board.CaughtUp) body.Append("""<p class="muted">Still reading the topics: the queue is not complete yet.</p>""");
        body.Append($"""<p class="muted">{shown.Count} of {all.Count} incidents, {board.RecommendationCount} recommendations.</p>""");
        body.Append("<table id=\"queue\"><thead><tr><th>#</th><th>last event (UTC)</th><th>severity</th><th>state</th><th>apps</th><th>victims</th><th>keys</th><th>beneficiaries</th><th>symbols</th><th>recs</th></tr></thead><tbody>");
        foreach (var i in shown)
            body.Append($"""<tr class="incident"><td><a href="/incidents/{i.Number}">#{i.Number}</a></td><td>{E(Time(i.LastTs))}</td>""")
                .Append($"""<td><span class="sev-{E(i.Severity)}">{E(i.Severity)}</span></td><td class="state-{E(i.State)}">{E(i.State)}</td>""")
                .Append($"<td>{List(i.Apps)}</td><td>{List(i.Victims)}</td><td>{List(i.Keys)}</td><td>{List(i.Beneficiaries)}</td><td>{List(i.Symbols)}</td>")
                .Append($"<td>{i.Recommendations.Count}</td></tr>");
        body.Append("</tbody></table>");
        return Page(context, "Queue", body.ToString());
    }

    private static string List(IReadOnlyList<string> items) =>
        items.Count <= 6 ? E(string.Join(", ", items)) : E(string.Join(", ", items.Take(5))) + $" <span class=\"muted\">+{items.Count - 5}</span>";

    private static string Select(string name, string? chosen, IEnumerable<string> options) =>
        $"""<label>{E(name)} <select name="{E(name)}"><option value="">any</option>"""
        + string.Concat(options.Select(o => $"""<option{(o == chosen ? " selected" : "")}>{E(o)}</option>"""))
        + "</select></label>";
}
