using System.Text.Json.Serialization;

namespace TradeSentinel.Core.Pipeline;

/// <summary>
/// What the symbol's whole tape looked like just before a trade: attached by the market stage,
/// which is the only stage that sees every trade of a symbol. The four crowd counts are left out of
/// the record when 0 (nearly every fill): a reader takes a missing count as 0, and a fill crosses
/// two topics, so every byte is copied, checksummed and parsed four times over.
/// </summary>
public sealed class MarketContext
{
    /// <summary>Volume-weighted average price of the previous 15 minutes (event time); 0 when none.</summary>
    public double Vwap15m { get; set; }

    /// <summary>Typical relative deviation of trade prices from that VWAP (a robust scale, not a %).</summary>
    public double Dispersion { get; set; }

    /// <summary>USD traded in the symbol over the previous hour.</summary>
    public double UsdVolume1h { get; set; }

    /// <summary>Trades in the symbol over the previous hour.</summary>
    public int Trades1h { get; set; }

    /// <summary>
    /// Distinct accounts that sold above the market band in the previous 5 minutes, and, when this
    /// trade is itself above the reference, at least a third as far above it (in log terms). Dozens
    /// in an organic pump (the whole crowd pays up to many sellers); one to three when a beneficiary
    /// is collecting from stolen keys at several times the price, however busy the market's own sellers.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int PremiumSellers5m { get; set; }

    /// <summary>Distinct accounts that bought below the market band in the previous 5 minutes, measured the same way (the sell-side mirror).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int DiscountBuyers5m { get; set; }

    /// <summary>
    /// Who paid: distinct independent payers (an app's keys count as one, anyone else as their own
    /// account) of comparable above-market trades in the previous 5 minutes, this trade's buyer's
    /// own app or account left out. Hundreds in an organic pump; none when an attacker's sellers,
    /// however many, are paid by one leaked app's keys.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int PremiumPayers5m { get; set; }

    /// <summary>The sell-side mirror: independent sellers of comparable below-market trades, the trade's seller's own left out.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int DiscountPayers5m { get; set; }
}
