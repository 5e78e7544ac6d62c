namespace TradeSentinel.Simulation;

public enum Tier { Major, MidCap, LowCap }

/// <summary>One simulated pair: its liquidity tier, starting price, share of the market's trades and volatility.</summary>
public sealed record SymbolSpec(string Symbol, Tier Tier, double StartPrice, double TradeShare, double VolPerTrade)
{
    public string Quote => Symbol[(Symbol.IndexOf('-') + 1)..];

    /// <summary>The market: majors, mid-caps and illiquid low-caps, a few of them quoted in BTC.</summary>
    public static readonly IReadOnlyList<SymbolSpec> Catalog =
    [
        new("BTC-USDT", Tier.Major, 16_800, 0.16, 0.0004),
        new("ETH-USDT", Tier.Major, 1_200, 0.14, 0.0005),
        new("BNB-USDT", Tier.Major, 245, 0.08, 0.0005),
        new("XRP-USDT", Tier.Major, 0.35, 0.06, 0.0006),
        new("SOL-USDT", Tier.Major, 10, 0.06, 0.0008),
        new("DOGE-USDT", Tier.Major, 0.07, 0.05, 0.0008),
        new("ETH-BTC", Tier.Major, 0.0714, 0.03, 0.0004),
        new("ADA-USDT", Tier.MidCap, 0.25, 0.04, 0.0012),
        new("MATIC-USDT", Tier.MidCap, 0.78, 0.04, 0.0012),
        new("APE-USDT", Tier.MidCap, 3.6, 0.025, 0.0015),
        new("NEAR-USDT", Tier.MidCap, 1.5, 0.025, 0.0015),
        new("OP-USDT", Tier.MidCap, 0.9, 0.022, 0.0015),
        new("LDO-USDT", Tier.MidCap, 0.95, 0.02, 0.0015),
        new("INJ-USDT", Tier.MidCap, 1.3, 0.015, 0.0018),
        new("GMT-USDT", Tier.MidCap, 0.38, 0.012, 0.0018),
        new("LINK-BTC", Tier.MidCap, 0.00033, 0.01, 0.0015),
        new("DMG-USDT", Tier.LowCap, 0.0125, 0.002, 0.006),
        new("VIDT-USDT", Tier.LowCap, 0.021, 0.003, 0.006),
        new("MDX-USDT", Tier.LowCap, 0.07, 0.003, 0.005),
        new("FIRO-USDT", Tier.LowCap, 1.7, 0.004, 0.005),
        new("TORN-USDT", Tier.LowCap, 5.4, 0.0025, 0.005),
        new("NULS-USDT", Tier.LowCap, 0.17, 0.002, 0.006),
        new("BURGER-USDT", Tier.LowCap, 0.33, 0.002, 0.006),
        new("HARD-USDT", Tier.LowCap, 0.11, 0.002, 0.007),
        new("WING-USDT", Tier.LowCap, 4.5, 0.0015, 0.007),
        new("PERL-USDT", Tier.LowCap, 0.011, 0.0012, 0.008),
        new("DREP-USDT", Tier.LowCap, 0.22, 0.0012, 0.008),
        new("VIA-BTC", Tier.LowCap, 0.0000135, 0.001, 0.008),
        new("QSP-BTC", Tier.LowCap, 0.00000061, 0.001, 0.008),
    ];
}
