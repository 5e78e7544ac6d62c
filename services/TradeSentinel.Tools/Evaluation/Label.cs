namespace TradeSentinel.Tools.Evaluation;

/// <summary>One line of a labels file (contract section 3); which fields are set depends on <see cref="Kind"/>.</summary>
public sealed class Label
{
    public string Kind { get; set; } = "";
    public string? AccountId { get; set; }
    public string? ApiKeyId { get; set; }
    public string? AppId { get; set; }
    public long? FirstTs { get; set; }
    public string? TradeId { get; set; }
    public string? Victim { get; set; }
    public string? Beneficiary { get; set; }
    public double Usd { get; set; }
}
