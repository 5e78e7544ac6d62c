namespace TradeSentinel.Core.Contract;

/// <summary>FreezeRecommendation v1 (contract section 2).</summary>
public sealed class FreezeRecommendation
{
    public required string AlertId { get; init; }
    public long Ts { get; init; }
    public required string Action { get; init; }
    public string? Role { get; init; }
    public string? AccountId { get; init; }
    public string? ApiKeyId { get; init; }
    public string? AppId { get; init; }
    public string? Symbol { get; init; }
    public required string Severity { get; init; }
    public double Score { get; init; }
    public required IReadOnlyList<AlertReason> Reasons { get; init; }
    public required IReadOnlyList<string> TradeIds { get; init; }
    public required string ModelVersion { get; init; }
}
