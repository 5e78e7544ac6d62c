using System.Text.Json.Serialization;

namespace TradeSentinel.Core.Contract;

/// <summary>
/// TradeEvent v1 (contract section 1). Every property is nullable because the type is also what a
/// raw, not yet validated record is read into; <see cref="Validation.TradeValidator"/> decides
/// whether it may enter the pipeline.
/// </summary>
public sealed class TradeEvent
{
    public string? TradeId { get; set; }
    public string? Exchange { get; set; }
    public long? Ts { get; set; }
    public string? Symbol { get; set; }
    public double? Price { get; set; }
    public double? Qty { get; set; }
    public string? TakerSide { get; set; }
    public TradeParty? Buyer { get; set; }
    public TradeParty? Seller { get; set; }
    public double? QuoteUsd { get; set; }

    /// <summary>
    /// The QUOTE part of <c>BASE-QUOTE</c>; only meaningful once validated. Derived from the symbol,
    /// so not written: the contract has no such field, and every record on the trades topic carried it.
    /// </summary>
    [JsonIgnore]
    public string QuoteAsset => Symbol![(Symbol!.IndexOf('-') + 1)..];
}
