using TradeSentinel.Core.Pipeline;
using TradeSentinel.Scoring;
using TradeSentinel.Scoring.Features;
using TradeSentinel.Scoring.Model;

namespace TradeSentinel.Tests.Scoring;

/// <summary>
/// What an analyst reads on a freeze recommendation: each reason a fact with its number and the
/// normal it was judged against, never a figure that rounds to nothing.
/// </summary>
public class FillReasonsTests
{
    // The typical fill of the default model's training data, roughly: keys trade again within
    // minutes, markets turn over millions an hour, accounts trade a few times per 5 minutes.
    private static readonly ModelMetadata Model = Typical();

    private static ModelMetadata Typical()
    {
        var means = new double[FeatureSchema.Count];
        var stdDevs = Enumerable.Repeat(0.5, FeatureSchema.Count).ToArray();
        means[FeatureSchema.KeyIdleDays] = 0.001;
        stdDevs[FeatureSchema.KeyIdleDays] = 0.004;
        means[FeatureSchema.LogLiquidity] = 6.7;
        means[FeatureSchema.Burst] = 1.6;
        stdDevs[FeatureSchema.Burst] = 1.3;
        means[FeatureSchema.History] = 1.5;
        return new ModelMetadata { ModelVersion = "m1", FlagScore = 0.9, FeatureMeans = means, FeatureStdDevs = stdDevs };
    }

    private static (Fill Fill, float[] Features) Victim(double price = 0.00003, int earlierFills = 40)
    {
        var fill = new Fill
        {
            TradeId = "T1",
            Ts = 1,
            Symbol = "NAV-BTC",
            Side = "buy",
            Price = price,
            Usd = 2500,
            AccountId = "A1",
            Channel = "api",
            ApiKeyId = "K1",
            Market = new MarketContext { Vwap15m = 0.00001, Dispersion = 0.012, UsdVolume1h = 5000, Trades1h = 21 },
            Counterparty = new Counterparty { AccountId = "B1", Channel = "api" },
        };
        var f = new float[FeatureSchema.Count];
        f[FeatureSchema.History] = (float)Math.Log10(1 + earlierFills);
        f[FeatureSchema.LogUsd] = (float)Math.Log10(1 + fill.Usd);
        f[FeatureSchema.LogLiquidity] = (float)Math.Log10(1 + fill.Market.UsdVolume1h);
        f[FeatureSchema.Burst] = (float)Math.Log(1 + 3.0);
        return (fill, f);
    }

    private static string Detail(Fill fill, float[] f, string code) =>
        FillReasons.Explain(fill, f, FeatureExtractor.AdversePremium(fill), Model).Single(r => r.Code == code).Detail;

    [Fact]
    public void The_price_reason_names_the_price_the_vwap_and_how_far_the_symbols_trades_usually_stray()
    {
        var (fill, f) = Victim();
        Assert.Equal("paid 3.0x the 15-min VWAP of 0.00001 BTC (0.00003 BTC); NAV-BTC's trades usually stray 1.2% from it",
            Detail(fill, f, "price_premium"));
        fill.Price = 0.0000145;
        Assert.StartsWith("paid 45% above the 15-min VWAP of 0.00001 BTC (0.0000145 BTC)", Detail(fill, f, "price_premium"));
    }

    [Fact]
    public void A_sell_below_the_market_is_a_discount_with_the_same_figures()
    {
        var (fill, f) = Victim(price: 0.0000025);
        fill.Side = "sell";
        Assert.Equal("sold at 1/4.0 of the 15-min VWAP of 0.00001 BTC (0.0000025 BTC); NAV-BTC's trades usually stray 1.2% from it",
            Detail(fill, f, "price_discount"));
        fill.Price = 0.000008; // 20% below the reference (which is 25% above the price)
        Assert.StartsWith("sold 20% below the 15-min VWAP of 0.00001 BTC (0.000008 BTC)", Detail(fill, f, "price_discount"));
    }

    [Fact]
    public void Prices_are_given_to_four_significant_digits_whatever_their_magnitude()
    {
        var (fill, f) = Victim();
        fill.Symbol = "WING-USDT";
        fill.Market.Vwap15m = 7.73249187;
        fill.Price = 2.2592568;
        fill.Side = "sell";
        Assert.StartsWith("sold at 1/3.4 of the 15-min VWAP of 7.732 USDT (2.259 USDT)", Detail(fill, f, "price_discount"));
        fill.Market.Vwap15m = 0.000026531;
        fill.Price = 0.00011313;
        fill.Side = "buy";
        Assert.StartsWith("paid 4.3x the 15-min VWAP of 0.00002653 USDT (0.0001131 USDT)", Detail(fill, f, "price_premium"));
    }

    [Fact]
    public void An_unusual_size_is_the_trade_in_usd_beside_the_accounts_usual_size()
    {
        var (fill, f) = Victim();
        f[FeatureSchema.SizeVsUsual] = (float)Math.Log10(2501.0 / 101);
        Assert.Equal("$2,500 trade, 25x this account's usual $100", Detail(fill, f, "unusual_size"));
    }

    [Fact]
    public void An_account_without_history_is_sized_against_the_symbols_average_trade_and_says_so()
    {
        var (fill, f) = Victim(earlierFills: 0);
        f[FeatureSchema.SizeVsUsual] = (float)Math.Log10(2501.0 / 239);
        Assert.Equal("$2,500 trade from an account without history, 10x the average NAV-BTC trade of the last hour ($238)",
            Detail(fill, f, "unusual_size"));
    }

    [Fact]
    public void A_dormant_key_states_its_silence_in_days_beside_an_ordinary_keys()
    {
        var (fill, f) = Victim();
        f[FeatureSchema.KeyIdleDays] = (float)Math.Log(1 + 12.0);
        Assert.Equal("API key unused for 12 days before this order; a key in ordinary trading orders again within 86 seconds",
            Detail(fill, f, "dormant_key"));
    }

    [Theory]
    [InlineData(0.01)] // about 15 minutes: far above the model's mean of log-days, yet nothing to act on
    [InlineData(0.3)]
    public void A_key_silent_for_less_than_a_day_is_no_reason_and_never_reads_idle_for_0_days(double idleDays)
    {
        var (fill, f) = Victim();
        f[FeatureSchema.KeyIdleDays] = (float)Math.Log(1 + idleDays);
        var reasons = FillReasons.Explain(fill, f, FeatureExtractor.AdversePremium(fill), Model);
        Assert.DoesNotContain(reasons, r => r.Code == "dormant_key");
        Assert.DoesNotContain(reasons, r => r.Detail.Contains(" 0 days"));
    }

    [Fact]
    public void A_key_silent_for_a_day_and_a_half_is_counted_in_hours()
    {
        var (fill, f) = Victim();
        f[FeatureSchema.KeyIdleDays] = (float)Math.Log(1 + 1.5);
        Assert.StartsWith("API key unused for 36 hours before this order", Detail(fill, f, "dormant_key"));
    }

    [Fact]
    public void A_thin_market_is_its_hourly_volume_beside_an_ordinary_fills_market_and_the_fill_itself()
    {
        var (fill, f) = Victim();
        Assert.Equal("NAV-BTC traded only $5,000 in the last hour (21 trades), against about $5,000,000 in an ordinary fill's market; this fill alone was $2,500",
            Detail(fill, f, "illiquid_symbol"));
    }

    [Fact]
    public void A_burst_is_the_accounts_recent_trades_beside_ordinary_trading()
    {
        var (fill, f) = Victim();
        f[FeatureSchema.LogLiquidity] = 6.7f;
        f[FeatureSchema.Burst] = (float)Math.Log(1 + 60.0);
        Assert.Equal("about 60 trades of this account in the last 5 min (decaying count), against about 4 in ordinary trading",
            Detail(fill, f, "trade_burst"));
    }

    [Fact]
    public void A_first_trade_in_a_symbol_counts_the_accounts_earlier_fills()
    {
        var (fill, f) = Victim(earlierFills: 40);
        f[FeatureSchema.NewSymbol] = 1;
        Assert.Equal("first trade of this account in NAV-BTC; its 40 earlier fills of the last 30 days were in other symbols", Detail(fill, f, "new_symbol"));
    }

    [Fact]
    public void Every_reason_of_a_flagged_fill_carries_a_number()
    {
        var (fill, f) = Victim();
        f[FeatureSchema.NewSymbol] = 1;
        f[FeatureSchema.SizeVsUsual] = 1.5f;
        f[FeatureSchema.KeyIdleDays] = (float)Math.Log(1 + 40.0);
        var reasons = FillReasons.Explain(fill, f, FeatureExtractor.AdversePremium(fill), Model);
        Assert.Equal(3, reasons.Count);
        Assert.All(reasons, r => Assert.Matches("[0-9]", r.Detail));
    }
}
