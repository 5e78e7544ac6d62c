namespace TradeSentinel.Alerting.Suppression;

/// <summary>An allowlist entry: no recommendation on <see cref="Subject"/> until <see cref="UntilMs"/> (wall clock, ms).</summary>
public sealed record Suppression(string Subject, string AlertId, string By, string Reason, long UntilMs);
