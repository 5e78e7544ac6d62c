using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using TradeSentinel.Alerting.Suppression;
using TradeSentinel.AnalystConsole.Auth;
using TradeSentinel.AnalystConsole.Board;
using TradeSentinel.AnalystConsole.Decisions;
using TradeSentinel.AnalystConsole.Pages;
using TradeSentinel.Infrastructure.Redis;

namespace TradeSentinel.AnalystConsole;

/// <summary>Every route of the console. Only sign-in, the stylesheet, /healthz, /readyz and /metrics are open without a session.</summary>
public static class ConsoleEndpoints
{
    public sealed record SignInForm(string? Name, string? Password);

    public sealed record RevokeForm(string? Subject);

    public static void MapConsole(this WebApplication app, ConsoleOptions options)
    {
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            await next();
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapPrometheusScrapingEndpoint().AllowAnonymous();
        app.MapGet("/healthz", () => Results.Ok("alive")).AllowAnonymous();
        app.MapGet("/readyz", (ConsoleBoard board, RedisConnector redis) =>
            board.CaughtUp && redis.Connection.IsConnected ? Results.Ok("ready") : Results.StatusCode(StatusCodes.Status503ServiceUnavailable)).AllowAnonymous();
        app.MapGet("/console.css", () => Results.Text(Html.Css, "text/css")).AllowAnonymous();

        if (options.Oidc.Enabled)
            app.MapGet("/signin", (HttpContext context) => Results.Challenge(new AuthenticationProperties { RedirectUri = SignInPage.ReturnPath(context) })).AllowAnonymous();
        else
        {
            app.MapGet("/signin", (HttpContext context) => SignInPage.Render(context)).AllowAnonymous();
            app.MapPost("/signin", SignInAsync).AllowAnonymous();
        }
        app.MapPost("/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/signin");
        });
        app.MapGet("/denied", (HttpContext context) => Html.Page(context, "Not allowed", "<p>Your role does not allow this.</p>", 403)).AllowAnonymous();

        app.MapGet("/", (HttpContext context, ConsoleBoard board) => QueuePage.Render(context, board));
        app.MapGet("/incidents/{number:int}", (HttpContext context, ConsoleBoard board, int number) => IncidentPage.Render(context, board, options, number));
        app.MapGet("/models", (HttpContext context, ShadowDiffs shadow, ConsoleBoard board) => ModelsPage.Render(context, shadow, board));
        app.MapGet("/suppressions", (HttpContext context, SuppressionList list, TimeProvider clock) => SuppressionsPage.RenderAsync(context, list, clock));
        app.MapPost("/decide", DecideEndpoint.HandleAsync).RequireAuthorization(ConsoleRoles.DecidePolicy);
        app.MapPost("/suppressions/revoke", async ([FromForm] RevokeForm form, SuppressionList list, ConsoleMetrics metrics) =>
        {
            if (string.IsNullOrEmpty(form.Subject)) return Results.BadRequest();
            await list.RevokeAsync(form.Subject);
            metrics.SuppressionsRevoked.Add(1);
            return Results.Redirect("/suppressions");
        }).RequireAuthorization(ConsoleRoles.DecidePolicy);
    }

    private static async Task<IResult> SignInAsync(HttpContext context, [FromForm] SignInForm form, LocalAccounts accounts, ConsoleMetrics metrics)
    {
        var account = form.Name is { Length: > 0 and <= 200 } && form.Password is { Length: > 0 and <= 1000 } ? accounts.Verify(form.Name, form.Password) : null;
        metrics.SignIns.Add(1, new KeyValuePair<string, object?>("outcome", account is null ? "refused" : "accepted"));
        if (account is null) return SignInPage.Render(context, "Wrong name or password.", StatusCodes.Status401Unauthorized);
        var identity = new ClaimsIdentity(CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, account.Name));
        foreach (var role in account.Roles) identity.AddClaim(new Claim(ClaimTypes.Role, role));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.Redirect(SignInPage.ReturnPath(context));
    }
}
