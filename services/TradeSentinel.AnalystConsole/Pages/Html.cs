using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TradeSentinel.AnalystConsole.Pages;

/// <summary>The page frame and the few helpers every page uses. Everything from data goes through <see cref="E"/>.</summary>
public static class Html
{
    public static string E(object? value) => WebUtility.HtmlEncode(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");

    public static string Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Num(double value, string format = "0.####") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A POST form carrying the antiforgery token.</summary>
    public static string Form(HttpContext context, string action, string inner, string cssClass = "")
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return $"""<form method="post" action="{E(action)}" class="{cssClass}"><input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}">{inner}</form>""";
    }

    public static IResult Page(HttpContext context, string title, string body, int status = 200)
    {
        var user = context.User;
        var nav = user.Identity?.IsAuthenticated == true
            ? $"""<nav><a href="/">Queue</a> <a href="/suppressions">Suppressions</a> <a href="/models">Models</a> <span class="who">{E(user.Identity.Name)} ({E(string.Join(", ", Roles(user)))})</span>{Form(context, "/signout", "<button>Sign out</button>", "inline")}</nav>"""
            : "";
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append(" · TradeSentinel</title>")
            .Append("<link rel=\"stylesheet\" href=\"/console.css\"></head><body><header><b>TradeSentinel</b> analyst console").Append(nav).Append("</header><main>")
            .Append("<h1>").Append(E(title)).Append("</h1>").Append(body).Append("</main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    public static IEnumerable<string> Roles(ClaimsPrincipal user) =>
        user.Identities.SelectMany(i => i.FindAll(i.RoleClaimType)).Select(c => c.Value).Distinct();

    public const string Css = """
        body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
        header{background:#1d2330;color:#fff;padding:8px 16px;display:flex;gap:16px;align-items:center}
        header nav{display:flex;gap:12px;align-items:center;margin-left:auto}
        header a{color:#cfe0ff}.who{color:#aab}
        main{padding:16px;max-width:1200px}
        table{border-collapse:collapse;width:100%;background:#fff}
        th,td{border-bottom:1px solid #e2e5ea;padding:4px 8px;text-align:left;vertical-align:top}
        th{background:#eef0f4}
        .sev-critical{color:#fff;background:#b00020;padding:0 4px}.sev-high{color:#fff;background:#d9534f;padding:0 4px}
        .sev-medium{background:#f0ad4e;padding:0 4px}.sev-low{background:#dde;padding:0 4px}
        .state-open{font-weight:bold}.inline{display:inline}
        form.filters{display:flex;gap:8px;margin-bottom:12px;flex-wrap:wrap}
        form.decide{display:flex;gap:6px;flex-wrap:wrap;margin:4px 0}
        .error{color:#b00020}.muted{color:#667}
        .mark-regression{color:#fff;background:#b00020;padding:0 4px}.mark-false-positive{background:#f0ad4e;padding:0 4px}
        section{background:#fff;padding:8px 12px;margin:12px 0;border:1px solid #e2e5ea}
        """;
}
