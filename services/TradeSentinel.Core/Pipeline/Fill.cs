using System.Text.Json.Serialization;
using TradeSentinel.Core.EventTime;

namespace TradeSentinel.Core.Pipeline;

/// <summary>
/// One account's half of a trade, keyed by that account on the fills topic so that one scorer
/// instance sees every fill of the account.
/// </summary>
public sealed class Fill
{
    public string TradeId { get; set; } = "";
    public long Ts { get; set; }
    public string Exchange { get; set; } = "";
    public string Symbol { get; set; } = "";

    /// <summary><c>buy</c> or <c>sell</c>, from this account's point of view.</summary>
    public string Side { get; set; } = "";
    public bool Taker { get; set; }
    public double Price { get; set; }
    public double Qty { get; set; }

    /// <summary>Notional in USD; 0 when the quote asset could not be priced yet.</summary>
    public double Usd { get; set; }

    public string AccountId { get; set; } = "";
    public string Channel { get; set; } = "";
    public string? ApiKeyId { get; set; }
    public string? AppId { get; set; }
    public string? ClientIp { get; set; }
    public Counterparty Counterparty { get; set; } = new();
    public MarketContext Market { get; set; } = new();

    /// <summary>Derived from <see cref="Side"/>, so not written: a reader has the side.</summary>
    [JsonIgnore]
    public bool IsBuy => Side == "buy";

    /// <summary>The fill's place in event-time order.</summary>
    [JsonIgnore]
    public EventKey Key => new(Ts, TradeId, IsBuy);

    /// <summary>
    /// Distinct accounts on the winning side of comparable off-market trades in the symbol in the
    /// last 5 minutes: the sellers above the market for a buy, the buyers below it for a sell.
    /// </summary>
    [JsonIgnore]
    public int WinningCrowd5m => IsBuy ? Market.PremiumSellers5m : Market.DiscountBuyers5m;

    /// <summary>
    /// Independent payers (one per app, else per account) of comparable off-market trades in the
    /// symbol in the last 5 minutes, this fill's own app or account left out: how many others
    /// paid what this account paid. Many when the off-market price is the market (a pump); few
    /// when one app's stolen keys pay an attacker's sellers, however many sellers there are.
    /// </summary>
    [JsonIgnore]
    public int PayingCrowd5m => IsBuy ? Market.PremiumPayers5m : Market.DiscountPayers5m;

    /// <summary>
    /// The off-market price is the market when many won it and many independent others paid it:
    /// the smaller of the two. An attacker opens sellers at will but his victims of one app are one
    /// payer; many victims with their own keys still pay few sellers.
    /// </summary>
    [JsonIgnore]
    public int OrganicCrowd5m => Math.Min(WinningCrowd5m, PayingCrowd5m);
}
