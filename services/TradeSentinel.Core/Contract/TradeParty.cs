namespace TradeSentinel.Core.Contract;

/// <summary>One side of a match, as the contract's <c>buyer</c> / <c>seller</c> objects define it.</summary>
public sealed class TradeParty
{
    public string? AccountId { get; set; }
    public string? OrderId { get; set; }
    public string? Channel { get; set; }
    public string? ApiKeyId { get; set; }
    public string? AppId { get; set; }
    public string? ClientIp { get; set; }
}
