using Microsoft.AspNetCore.Http;
using static TradeSentinel.AnalystConsole.Pages.Html;

namespace TradeSentinel.AnalystConsole.Pages;

/// <summary>The local sign-in form (development accounts); the name and password travel in the POST body only.</summary>
public static class SignInPage
{
    public static IResult Render(HttpContext context, string? error = null, int status = 200) => Page(context, "Sign in",
        (error is null ? "" : $"""<p class="error" id="sign-in-error">{E(error)}</p>""")
        + Form(context, "/signin" + ReturnQuery(context),
            """<p><label>name <input name="name" autocomplete="username" required></label></p><p><label>password <input name="password" type="password" autocomplete="current-password" required></label></p><p><button id="sign-in">Sign in</button></p>"""),
        status);

    /// <summary>Where to go after signing in: a local path only (never another site).</summary>
    public static string ReturnPath(HttpContext context) =>
        context.Request.Query["ReturnUrl"].ToString() is { Length: > 1 } path && path[0] == '/' && path[1] is not ('/' or '\\') ? path : "/";

    private static string ReturnQuery(HttpContext context) => "?ReturnUrl=" + Uri.EscapeDataString(ReturnPath(context));
}
