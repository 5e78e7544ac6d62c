namespace TradeSentinel.Core.Contract;

/// <summary>The contract's <c>severity</c> vocabulary, from the least to the most urgent.</summary>
public static class AlertSeverities
{
    public const string Medium = "medium";
    public const string High = "high";
    public const string Critical = "critical";

    public static readonly IReadOnlyList<string> Ordered = [Medium, High, Critical];
}
