using System.Globalization;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Scoring.Features;
using TradeSentinel.Scoring.Model;

namespace TradeSentinel.Scoring;

/// <summary>
/// Turns a fill, its features and its calibrated score into a tagged fill: flagged or not, and
/// the two or three reasons that drove the score, in words an analyst can act on.
/// </summary>
public sealed class FillTagger(ScoringOptions options)
{
    private const int MaxReasons = 3;
    private const double ReasonZ = 1.5;

    public ScoredFill Tag(Fill fill, ReadOnlySpan<float> f, double adversePremium, double score, ModelMetadata model)
    {
        // Without a USD value (a BTC-quoted pair before any BTC-USDT trade) size and liquidity
        // features are meaningless: such a fill is scored but never flagged.
        var flagged = fill.Usd > 0
            && score >= (options.FlagScore ?? model.FlagScore)
            && adversePremium >= options.MinAdversePremium
            && f[FeatureSchema.AdversePremiumZ] >= options.MinPremiumZ
            && f[FeatureSchema.OffMarketOffset] < options.MaxOffMarketOffset
            && fill.OrganicCrowd5m <= options.MaxOffMarketCrowd;
        return new ScoredFill
        {
            Fill = fill,
            Score = Math.Round(score, 6),
            AdversePremium = Math.Round(adversePremium, 6),
            Flagged = flagged,
            // A new key of an app, sent from one of that app's servers, is the app at work, not a key in other hands.
            NewSourceForKey = fill.ApiKeyId is not null && (f[FeatureSchema.NewIp] > 0 || (f[FeatureSchema.NewKey] > 0 && fill.AppId is null)),
            Reasons = flagged ? Explain(fill, f, adversePremium, model) : [],
            ModelVersion = options.RulesOnly ? "rules-only" : model.ModelVersion,
        };
    }

    private static List<AlertReason> Explain(Fill fill, ReadOnlySpan<float> f, double premium, ModelMetadata model)
    {
        var reasons = new List<AlertReason> { PriceReason(fill, premium) };
        // The other features, ranked by how far they sit from ordinary trading in their suspicious direction.
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
            reasons.Add(Describe(feature, fill, f));
        }
        return reasons;
    }

    private static readonly (int Feature, int Sign)[] Suspicious =
    [
        (FeatureSchema.NewSymbol, 1), (FeatureSchema.SizeVsUsual, 1), (FeatureSchema.NewKey, 1),
        (FeatureSchema.KeyIdleDays, 1), (FeatureSchema.NewIp, 1), (FeatureSchema.LogLiquidity, -1),
        (FeatureSchema.Burst, 1), (FeatureSchema.PayingCounterparties, 1), (FeatureSchema.AdverseCrowd, -1),
    ];

    private static AlertReason PriceReason(Fill fill, double premium)
    {
        var ratio = 1 + premium;
        var amount = ratio >= 2 ? $"{ratio.ToString("0.0", CultureInfo.InvariantCulture)}x" : $"{(premium * 100).ToString("0", CultureInfo.InvariantCulture)}%";
        return fill.IsBuy
            ? new AlertReason("price_premium", ratio >= 2 ? $"paid {amount} the 15-min VWAP" : $"paid {amount} above the 15-min VWAP")
            : new AlertReason("price_discount", ratio >= 2 ? $"sold at 1/{amount} of the 15-min VWAP" : $"sold {amount} below the 15-min VWAP");
    }

    private static AlertReason Describe(int feature, Fill fill, ReadOnlySpan<float> f) => feature switch
    {
        FeatureSchema.NewSymbol => new("new_symbol", $"first trade of this account in {fill.Symbol}"),
        FeatureSchema.SizeVsUsual => new("unusual_size", $"{Math.Pow(10, f[feature]).ToString("0", CultureInfo.InvariantCulture)}x the account's usual trade size"),
        FeatureSchema.NewKey => new("new_api_key", "first trade through this API key"),
        FeatureSchema.KeyIdleDays => new("dormant_key", $"API key idle for {(Math.Exp(f[feature]) - 1).ToString("0", CultureInfo.InvariantCulture)} days"),
        FeatureSchema.NewIp => new("new_source_ip", fill.AppId is { } app
            ? $"order sent from an address never seen for this key nor any server of {app}"
            : "order sent from an address never seen for this key"),
        FeatureSchema.LogLiquidity => new("illiquid_symbol", $"{fill.Symbol} traded only ${fill.Market.UsdVolume1h.ToString("N0", CultureInfo.InvariantCulture)} in the last hour"),
        FeatureSchema.Burst => new("trade_burst", $"about {(Math.Exp(f[feature]) - 1).ToString("0", CultureInfo.InvariantCulture)} trades in the last few minutes"),
        FeatureSchema.AdverseCrowd => new("concentrated_counterparty",
            $"only {Math.Round(Math.Exp(f[feature]) - 1)} account(s) traded {fill.Symbol} off-market against the crowd in the last 5 min"),
        _ => new("collecting_counterparty", $"{f[feature]} distinct accounts paid this account above market in the last hour"),
    };
}
