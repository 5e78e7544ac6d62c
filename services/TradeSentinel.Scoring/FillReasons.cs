using System.Globalization;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Scoring.Features;
using TradeSentinel.Scoring.Model;

namespace TradeSentinel.Scoring;

/// <summary>
/// The reasons given for a flagged fill: the price, then the two features furthest from ordinary
/// trading in their suspicious direction. Each states the fact with its number beside the normal
/// it was judged against: the account's own (its usual size, its earlier fills), the market's (the
/// symbol's price dispersion and volume) or, where the state keeps no own normal, the typical fill
/// the model was trained on, which is what the ranking compares with.
/// </summary>
public static class FillReasons
{
    private const int MaxReasons = 3;
    private const double ReasonZ = 1.5;

    // A key silent for hours is a quiet evening, not a fact an analyst acts on; from a day on it is a dormant key.
    private const double MinDormantDays = 1;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly (int Feature, int Sign)[] Suspicious =
    [
        (FeatureSchema.NewSymbol, 1), (FeatureSchema.SizeVsUsual, 1), (FeatureSchema.NewKey, 1),
        (FeatureSchema.KeyIdleDays, 1), (FeatureSchema.NewIp, 1), (FeatureSchema.LogLiquidity, -1),
        (FeatureSchema.Burst, 1), (FeatureSchema.PayingCounterparties, 1), (FeatureSchema.AdverseCrowd, -1),
    ];

    public static List<AlertReason> Explain(Fill fill, ReadOnlySpan<float> f, double premium, ModelMetadata model)
    {
        var reasons = new List<AlertReason> { Price(fill, premium) };
        Span<(double Z, int Feature)> ranked = stackalloc (double, int)[Suspicious.Length];
        for (var i = 0; i < Suspicious.Length; i++)
        {
            var (feature, sign) = Suspicious[i];
            ranked[i] = (sign * (f[feature] - model.FeatureMeans[feature]) / model.FeatureStdDevs[feature], feature);
        }
        ranked.Sort((a, b) => b.Z.CompareTo(a.Z));
        foreach (var (z, feature) in ranked)
        {
            if (reasons.Count == MaxReasons || z < ReasonZ) break;
            if (Describe(feature, fill, f, model) is { } reason) reasons.Add(reason);
        }
        return reasons;
    }

    /// <summary>The price against the 15-min VWAP, and how far the symbol's trades usually stray from it.</summary>
    public static AlertReason Price(Fill fill, double premium)
    {
        var ratio = 1 + premium;
        var vwap = $"the 15-min VWAP of {Quote(fill.Market.Vwap15m, fill.Symbol)}";
        var usual = fill.Market.Dispersion > 0
            ? $"; {fill.Symbol}'s trades usually stray {Percent(fill.Market.Dispersion)} from it"
            : "";
        var price = Quote(fill.Price, fill.Symbol);
        return fill.IsBuy
            ? new AlertReason(ReasonCodes.PricePremium, ratio >= 2
                ? $"paid {Times(ratio)} {vwap} ({price}){usual}"
                : $"paid {Percent(premium)} above {vwap} ({price}){usual}")
            : new AlertReason(ReasonCodes.PriceDiscount, ratio >= 2
                ? $"sold at 1/{ratio.ToString("0.0", Invariant)} of {vwap} ({price}){usual}"
                : $"sold {Percent(premium / ratio)} below {vwap} ({price}){usual}");
    }

    private static AlertReason? Describe(int feature, Fill fill, ReadOnlySpan<float> f, ModelMetadata model)
    {
        var earlierFills = (long)Math.Round(Math.Pow(10, f[FeatureSchema.History]) - 1);
        switch (feature)
        {
            case FeatureSchema.NewSymbol:
                return new(ReasonCodes.NewSymbol, earlierFills > 0
                    ? $"first trade of this account in {fill.Symbol}; its {Count(earlierFills)} earlier fills of the last 30 days were in other symbols"
                    : $"first trade of this account in {fill.Symbol}, and its first fill of the last 30 days");
            case FeatureSchema.SizeVsUsual:
                {
                    var usual = Math.Pow(10, f[FeatureSchema.LogUsd] - f[feature]) - 1;
                    var times = Times(Math.Pow(10, f[feature]));
                    return new(ReasonCodes.UnusualSize, earlierFills > 0
                        ? $"{Usd(fill.Usd)} trade, {times} this account's usual {Usd(usual)}"
                        : $"{Usd(fill.Usd)} trade from an account without history, {times} the average {fill.Symbol} trade of the last hour ({Usd(usual)})");
                }
            case FeatureSchema.NewKey:
                return new(ReasonCodes.NewApiKey, earlierFills > 0
                    ? $"first order through this API key in the last 30 days, from an account with {Count(earlierFills)} earlier fills"
                    : "first order through this API key, from an account without fills in the last 30 days");
            case FeatureSchema.KeyIdleDays:
                {
                    var idleDays = Math.Exp(f[feature]) - 1;
                    if (idleDays < MinDormantDays) return null;
                    var typicalDays = Math.Exp(model.FeatureMeans[feature]) - 1;
                    return new(ReasonCodes.DormantKey, $"API key unused for {Duration(idleDays)} before this order; a key in ordinary trading orders again within {Duration(typicalDays)}");
                }
            case FeatureSchema.NewIp:
                return new(ReasonCodes.NewSourceIp, fill.AppId is { } app
                    ? $"order sent from an address never seen for this key nor any server of {app}"
                    : "order sent from an address never seen for this key");
            case FeatureSchema.LogLiquidity:
                {
                    var typical = Math.Pow(10, model.FeatureMeans[feature]) - 1;
                    return new(ReasonCodes.IlliquidSymbol,
                        $"{fill.Symbol} traded only {Usd(fill.Market.UsdVolume1h)} in the last hour ({Count(fill.Market.Trades1h)} trades), " +
                        $"against about {Usd(TwoDigits(typical))} in an ordinary fill's market; this fill alone was {Usd(fill.Usd)}");
                }
            case FeatureSchema.Burst:
                {
                    var typical = Math.Exp(model.FeatureMeans[feature]) - 1;
                    return new(ReasonCodes.TradeBurst,
                        $"about {Count(Math.Exp(f[feature]) - 1)} trades of this account in the last 5 min (decaying count), against about {Count(typical)} in ordinary trading");
                }
            case FeatureSchema.AdverseCrowd:
                {
                    var typical = Math.Exp(model.FeatureMeans[feature]) - 1;
                    return new(ReasonCodes.ConcentratedCounterparty,
                        $"only {Count(fill.WinningCrowd5m)} account(s) won off-market prices in {fill.Symbol} in the last 5 min, against about {Count(typical)} for an ordinary fill");
                }
            default:
                return new(ReasonCodes.CollectingCounterparty,
                    $"{Count(f[feature])} distinct accounts paid this account above market in the last hour, against about {Count(model.FeatureMeans[feature])} for an ordinary fill");
        }
    }

    /// <summary>A price to 4 significant digits (a small-cap's in BTC needs eight decimals) in the symbol's quote currency (the part after the dash).</summary>
    private static string Quote(double price, string symbol)
    {
        var dash = symbol.LastIndexOf('-');
        var currency = dash >= 0 && dash < symbol.Length - 1 ? " " + symbol[(dash + 1)..] : "";
        var decimals = price > 0 ? Math.Clamp(3 - (int)Math.Floor(Math.Log10(price)), 0, 12) : 0;
        return Math.Round(price, decimals).ToString("0.############", Invariant) + currency;
    }

    private static string Times(double ratio) => ratio.ToString(ratio >= 10 ? "0" : "0.0", Invariant) + "x";

    private static string Percent(double share) => (share * 100).ToString(share >= 0.1 ? "0" : "0.0", Invariant) + "%";

    private static string Usd(double usd) => "$" + Math.Max(0, usd).ToString("N0", Invariant);

    // A typical value from training is a scale, not a measurement: two significant digits say it.
    private static double TwoDigits(double v) => v <= 0 ? 0 : Math.Round(v / Math.Pow(10, Math.Floor(Math.Log10(v)) - 1)) * Math.Pow(10, Math.Floor(Math.Log10(v)) - 1);

    private static string Count(double n) => Math.Round(Math.Max(0, n)).ToString("N0", Invariant);

    private static string Duration(double days) => days switch
    {
        >= 2 => $"{days.ToString("0", Invariant)} days",
        >= 2.0 / 24 => $"{(days * 24).ToString("0", Invariant)} hours",
        >= 2.0 / 1440 => $"{(days * 1440).ToString("0", Invariant)} minutes",
        _ => $"{Math.Max(1, days * 86_400).ToString("0", Invariant)} seconds",
    };
}
