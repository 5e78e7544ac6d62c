using System.Text;
using Microsoft.AspNetCore.Http;
using TradeSentinel.AnalystConsole.Auth;
using TradeSentinel.AnalystConsole.Board;
using TradeSentinel.Core.Contract;
using static TradeSentinel.AnalystConsole.Pages.Html;

namespace TradeSentinel.AnalystConsole.Pages;

/// <summary>One incident: the price chart with the flagged fills, its recommendations and their decisions, the accounts and the evidence.</summary>
public static class IncidentPage
{
    public static IResult Render(HttpContext context, ConsoleBoard board, ConsoleOptions options, int number)
    {
        if (board.Incident(number) is not { } incident) return Page(context, "No such incident", "<p><a href=\"/\">Back to the queue</a></p>", 404);
        var evidence = board.Evidence(incident.TradeIds);
        var margin = options.ChartMarginMinutes * 60_000L;
        var body = new StringBuilder();
        body.Append($"""<p><span class="sev-{E(incident.Severity)}">{E(incident.Severity)}</span> · state <b id="incident-state">{E(incident.State)}</b> · {E(Time(incident.FirstTs))} – {E(Time(incident.LastTs))} UTC (event time)</p>""");

        foreach (var symbol in incident.Symbols)
            body.Append($"<section><h2>{E(symbol)}: price by minute, flagged fills in red</h2>")
                .Append(PriceChart.Svg(symbol, board.Prices(symbol, incident.FirstTs - margin, incident.LastTs + margin), evidence))
                .Append("</section>");

        var canDecide = context.User.IsInRole(ConsoleRoles.Analyst);
        body.Append("<section><h2>Recommendations</h2><table id=\"recommendations\"><thead><tr><th>#</th><th>action</th><th>subject</th><th>severity</th><th>score</th><th>model</th><th>reasons</th><th>decision</th></tr></thead><tbody>");
        foreach (var r in incident.Recommendations.OrderBy(r => r.Alert.Ts).ThenBy(r => r.Number))
        {
            var a = r.Alert;
            body.Append($"""<tr class="recommendation" data-number="{r.Number}"><td>{r.Number}</td><td>{E(a.Action)} {E(a.Role)}</td><td>{E(Entity(a))}</td>""")
                .Append($"""<td><span class="sev-{E(a.Severity)}">{E(a.Severity)}</span></td><td>{E(Num(a.Score, "0.000"))}</td><td>{E(a.ModelVersion)}</td>""")
                .Append("<td>").Append(string.Join("<br>", a.Reasons.Select(x => $"<b>{E(x.Code)}</b>: {E(x.Detail)}"))).Append("</td><td>")
                .Append(DecisionText(r));
            if (canDecide) body.Append(DecisionForm(context, r, options));
            body.Append("</td></tr>");
        }
        body.Append("</tbody></table></section>");

        body.Append("<section><h2>Accounts</h2><table><thead><tr><th>account</th><th>role</th><th>trades seen</th><th>average trade (USD)</th><th>active (event time)</th></tr></thead><tbody>");
        foreach (var (account, role) in Roles(incident, evidence))
        {
            var history = board.History(account);
            body.Append($"<tr><td>{E(account)}</td><td>{E(role)}</td>")
                .Append(history is { } h ? $"<td>{h.Trades}</td><td>{E(Num(h.AverageUsd, "0.00"))}</td><td>{E(Time(h.FirstTs))} – {E(Time(h.LastTs))}</td>" : "<td colspan=\"3\" class=\"muted\">no trades in the console's memory</td>")
                .Append("</tr>");
        }
        body.Append("</tbody></table></section>");

        body.Append("<section><h2>Evidence: flagged fills</h2><table id=\"evidence\"><thead><tr><th>trade</th><th>time (UTC)</th><th>symbol</th><th>account</th><th>side</th><th>price</th><th>USD</th><th>key / app</th><th>source</th><th>counterparty</th><th>score</th></tr></thead><tbody>");
        foreach (var s in evidence)
        {
            var f = s.Fill;
            body.Append($"<tr><td>{E(f.TradeId)}</td><td>{E(Time(f.Ts))}</td><td>{E(f.Symbol)}</td><td>{E(f.AccountId)}</td><td>{E(f.Side)}</td>")
                .Append($"<td>{E(Num(f.Price, "G6"))}</td><td>{E(Num(f.Usd, "0.00"))}</td><td>{E(f.ApiKeyId)} {E(f.AppId)}</td><td>{E(f.Channel)} {E(f.ClientIp)}</td>")
                .Append($"<td>{E(f.Counterparty.AccountId)}</td><td>{E(Num(s.Score, "0.000"))}</td></tr>");
        }
        var missing = incident.TradeIds.Count - evidence.Select(e => e.Fill.TradeId).Distinct().Count();
        body.Append("</tbody></table>");
        if (missing > 0) body.Append($"""<p class="muted">{missing} evidence trades are not in the console's memory (older than what it keeps).</p>""");
        body.Append("</section><p class=\"muted\">What the freeze hooks did is not shown yet: read the hooks' metrics and the dead-letter topic.</p>");
        return Page(context, $"Incident #{incident.Number}", body.ToString());
    }

    private static string Entity(FreezeRecommendation a) => a.Action switch
    {
        AlertActions.RevokeAppKeys => $"app {a.AppId}",
        AlertActions.RevokeApiKey => $"key {a.ApiKeyId} of {a.AccountId}",
        _ => $"account {a.AccountId}",
    };

    private static string DecisionText(Recommendation r) => r.Decision is not { } d
        ? "<span class=\"state-open decision\">open</span>"
        : $"""<span class="decision">{E(d.Decision)}</span> by {E(d.By)} at {E(Time(d.At))} UTC""" + (d.Reason is null ? "" : $"<br>reason: {E(d.Reason)}")
          + (d.Note is null ? "" : $"<br>note: {E(d.Note)}") + (d.SuppressUntil is { } until ? $"<br>suppressed until {E(Time(until))} UTC" : "");

    private static string DecisionForm(HttpContext context, Recommendation r, ConsoleOptions options) => Form(context, "/decide",
        $"""<input type="hidden" name="number" value="{r.Number}"><select name="decision" aria-label="decision"><option value="confirm">confirm</option><option value="dismiss">dismiss (false positive)</option><option value="hold">hold for review</option></select>"""
        + """<input name="reason" placeholder="reason (to dismiss)" aria-label="reason"><input name="note" placeholder="note" aria-label="note">"""
        + $"""<label>suppress days <input name="suppressDays" type="number" min="0" max="365" value="{options.SuppressDays}" size="3"></label><button>Record</button>""",
        "decide");

    // Victims and beneficiaries from the recommendations; counterparties of the evidence fills as the other side.
    private static List<(string Account, string Role)> Roles(Incident incident, IEnumerable<Core.Pipeline.ScoredFill> evidence)
    {
        var roles = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in incident.Victims) if (seen.Add(v)) roles.Add((v, "victim"));
        foreach (var b in incident.Beneficiaries) if (seen.Add(b)) roles.Add((b, "beneficiary"));
        foreach (var f in evidence)
            if (seen.Add(f.Fill.Counterparty.AccountId)) roles.Add((f.Fill.Counterparty.AccountId, "counterparty"));
        return roles;
    }
}
