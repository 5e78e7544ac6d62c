using TradeSentinel.Core.Contract;

namespace TradeSentinel.Alerting.Hooks;

/// <summary>
/// Configuration section <c>Hooks</c>: HTTP endpoints that receive freeze recommendations (an
/// exchange's account-freeze service), and how hard to try before a delivery is dead-lettered.
/// </summary>
public sealed class HookOptions
{
    public const string Section = "Hooks";

    public List<HookEndpoint> Endpoints { get; set; } = [];

    /// <summary>Attempts per delivery, the first included, before it goes to the dead-letter topic.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Backoff before the second attempt; doubled each time, with jitter, up to <see cref="MaxDelayMs"/>.</summary>
    public int BaseDelayMs { get; set; } = 500;

    public int MaxDelayMs { get; set; } = 30_000;

    /// <summary>One HTTP request's timeout.</summary>
    public int TimeoutMs { get; set; } = 5_000;

    /// <summary>Alerts delivered concurrently: one slow receiver must not hold the others back.</summary>
    public int MaxConcurrentAlerts { get; set; } = 64;

    /// <summary>Throws, naming the hook but never its secret, when an endpoint is unusable.</summary>
    public void Validate()
    {
        if (MaxAttempts < 1 || BaseDelayMs < 0 || MaxDelayMs < BaseDelayMs || TimeoutMs < 1 || MaxConcurrentAlerts < 1)
            throw new InvalidOperationException("Hooks: MaxAttempts, TimeoutMs and MaxConcurrentAlerts must be positive and MaxDelayMs ≥ BaseDelayMs");
        var names = new HashSet<string>();
        foreach (var hook in Endpoints)
        {
            hook.Validate();
            if (!names.Add(hook.Name)) throw new InvalidOperationException($"Hooks: two endpoints are named '{hook.Name}'");
        }
    }
}

/// <summary>One receiver of recommendations, with the filter of what it wants.</summary>
public sealed class HookEndpoint
{
    public static readonly string[] Severities = [.. AlertSeverities.Ordered];

    /// <summary>Names the hook in logs, metrics and dead letters (the URL may carry a token, so it never appears there).</summary>
    public string Name { get; set; } = "";

    public string Url { get; set; } = "";

    /// <summary>The signing secret (<see cref="HookSignature.Key"/>); or <see cref="SecretFile"/>, e.g. a mounted Kubernetes secret.</summary>
    public string? Secret { get; set; }

    public string? SecretFile { get; set; }

    /// <summary>Actions this hook receives; empty for all.</summary>
    public List<string> Actions { get; set; } = [];

    /// <summary>The least severity this hook receives.</summary>
    public string MinSeverity { get; set; } = AlertSeverities.Medium;

    public bool Wants(string action, string severity) =>
        (Actions.Count == 0 || Actions.Contains(action)) && Array.IndexOf(Severities, severity) >= Array.IndexOf(Severities, MinSeverity);

    public byte[] SigningKey() => HookSignature.Key(Infrastructure.Hosting.SecretSetting.Read(Secret, SecretFile)!);

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new InvalidOperationException("Hooks: every endpoint needs a Name");
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new InvalidOperationException($"Hooks: endpoint '{Name}' needs an absolute http(s) Url");
        // Recommendations name accounts and keys: over the network they travel encrypted.
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
            throw new InvalidOperationException($"Hooks: endpoint '{Name}' must use https (plain http only to loopback)");
        if (uri.UserInfo.Length > 0)
            throw new InvalidOperationException($"Hooks: endpoint '{Name}' carries credentials in its Url; use Secret/SecretFile");
        if (string.IsNullOrEmpty(Secret) && string.IsNullOrEmpty(SecretFile))
            throw new InvalidOperationException($"Hooks: endpoint '{Name}' needs a Secret or SecretFile to sign with");
        if (!string.IsNullOrEmpty(SecretFile) && !File.Exists(SecretFile))
            throw new InvalidOperationException($"Hooks: endpoint '{Name}': SecretFile does not exist");
        // Never echo the secret: the message says only what is wrong with it.
        if (!HookSignature.TryKey(Infrastructure.Hosting.SecretSetting.Read(Secret, SecretFile) ?? "", out var key) || key.Length == 0)
            throw new InvalidOperationException($"Hooks: endpoint '{Name}': the secret is empty, or starts with 'whsec_' and is not base64 after it");
        if (Array.IndexOf(Severities, MinSeverity) < 0)
            throw new InvalidOperationException($"Hooks: endpoint '{Name}': MinSeverity must be one of {string.Join(", ", Severities)}");
    }
}
