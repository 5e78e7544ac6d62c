namespace TradeSentinel.Core.Pipeline;

/// <summary>Who was on the other side of a fill.</summary>
public sealed class Counterparty
{
    public string AccountId { get; set; } = "";
    public string? ApiKeyId { get; set; }
    public string? AppId { get; set; }
    public string Channel { get; set; } = "";
}
