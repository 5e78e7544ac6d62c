using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using TradeSentinel.Infrastructure.Hosting;

namespace TradeSentinel.AnalystConsole.Auth;

/// <summary>
/// Cookie sessions, opened either by OpenID Connect (production, <c>Console:Oidc:Authority</c>) or
/// by the local account file (development). Every endpoint requires a signed-in user unless it
/// says otherwise; deciding requires the analyst role.
/// </summary>
public static class SignInSetup
{
    public const string CookieName = "sentinel.console";

    public static void AddConsoleSignIn(this IServiceCollection services, ConsoleOptions options)
    {
        if (!options.Oidc.Enabled && string.IsNullOrEmpty(options.AccountsFile))
            throw new InvalidOperationException("the console needs a way to sign in: set Console:Oidc:Authority (OpenID Connect) or Console:AccountsFile (local accounts), or run it with --dev");
        var auth = services.AddAuthentication(o =>
        {
            o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.DefaultChallengeScheme = options.Oidc.Enabled ? OpenIdConnectDefaults.AuthenticationScheme : CookieAuthenticationDefaults.AuthenticationScheme;
        }).AddCookie(o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            // The identity provider's redirect back is a cross-site navigation: a Strict cookie set there would not be sent on arrival.
            o.Cookie.SameSite = options.Oidc.Enabled ? SameSiteMode.Lax : SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/signin";
            o.AccessDeniedPath = "/denied";
        });
        if (options.Oidc.Enabled)
        {
            auth.AddOpenIdConnect(o =>
            {
                o.Authority = options.Oidc.Authority;
                o.ClientId = options.Oidc.ClientId;
                o.ClientSecret = SecretSetting.Read(options.Oidc.ClientSecret, options.Oidc.ClientSecretFile);
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                o.SaveTokens = false;
                o.GetClaimsFromUserInfoEndpoint = true;
                o.TokenValidationParameters.NameClaimType = "name";
                o.TokenValidationParameters.RoleClaimType = options.Oidc.RoleClaim;
                o.ClaimActions.MapUniqueJsonKey(options.Oidc.RoleClaim, options.Oidc.RoleClaim);
            });
        }
        else
        {
            services.AddSingleton(LocalAccounts.Load(options.AccountsFile!));
        }
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(ConsoleRoles.Viewer, ConsoleRoles.Analyst).Build())
            .AddPolicy(ConsoleRoles.DecidePolicy, p => p.RequireAuthenticatedUser().RequireRole(ConsoleRoles.Analyst));
    }
}
