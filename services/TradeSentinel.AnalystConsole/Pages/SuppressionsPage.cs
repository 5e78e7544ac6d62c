using System.Text;
using Microsoft.AspNetCore.Http;
using TradeSentinel.Alerting.Suppression;
using TradeSentinel.AnalystConsole.Auth;
using static TradeSentinel.AnalystConsole.Pages.Html;

namespace TradeSentinel.AnalystConsole.Pages;

/// <summary>The allowlist: every live suppression with who dismissed what and until when, revocable by an analyst.</summary>
public static class SuppressionsPage
{
    public static async Task<IResult> RenderAsync(HttpContext context, SuppressionList suppressions, TimeProvider clock)
    {
        var entries = await suppressions.ListAsync(clock.GetUtcNow().ToUnixTimeMilliseconds());
        var canRevoke = context.User.IsInRole(ConsoleRoles.Analyst);
        var body = new StringBuilder("<p class=\"muted\">The alerter raises no recommendation on these subjects until the suppression expires or is revoked.</p>");
        body.Append("<table id=\"suppressions\"><thead><tr><th>subject</th><th>dismissed recommendation</th><th>by</th><th>reason</th><th>until (UTC)</th><th></th></tr></thead><tbody>");
        foreach (var s in entries)
            body.Append($"""<tr class="suppression"><td>{E(s.Subject)}</td><td>{E(s.AlertId)}</td><td>{E(s.By)}</td><td>{E(s.Reason)}</td><td>{E(Time(s.UntilMs))}</td><td>""")
                .Append(canRevoke ? Form(context, "/suppressions/revoke", $"""<input type="hidden" name="subject" value="{E(s.Subject)}"><button>Revoke</button>""", "inline") : "")
                .Append("</td></tr>");
        body.Append("</tbody></table>");
        if (entries.Count == 0) body.Append("<p class=\"muted\">No subject is suppressed.</p>");
        return Page(context, "Suppressions", body.ToString());
    }
}
