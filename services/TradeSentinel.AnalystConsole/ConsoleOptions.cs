namespace TradeSentinel.AnalystConsole;

/// <summary>Configuration section <c>Console</c>. One of <see cref="AccountsFile"/> (dev) or <see cref="Oidc"/> (production) signs analysts in.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>Local accounts with PBKDF2-hashed passwords (see <c>sentinel console --hash-password</c>); for development.</summary>
    public string? AccountsFile { get; set; }

    public OidcOptions Oidc { get; set; } = new();

    /// <summary>What a dismissal suppresses its subject for, by default.</summary>
    public int SuppressDays { get; set; } = 7;

    /// <summary>The chart spans the incident and this much before and after it.</summary>
    public int ChartMarginMinutes { get; set; } = 30;
}

/// <summary>OpenID Connect sign-in (authorization code flow); roles come from <see cref="RoleClaim"/>.</summary>
public sealed class OidcOptions
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string? ClientSecretFile { get; set; }
    public string RoleClaim { get; set; } = "roles";

    public bool Enabled => !string.IsNullOrEmpty(Authority);
}
