namespace TradeSentinel.Core.Pipeline;

/// <summary>
/// What the symbol's whole tape looked like just before a trade: attached by the market stage,
/// which is the only stage that sees every trade of a symbol.
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
}
