using TradeSentinel.Core.Pipeline;
using TradeSentinel.Scoring.Features;
using TradeSentinel.Scoring.Model;

namespace TradeSentinel.Scoring;

/// <summary>
/// Turns a fill, its features and its calibrated score into a tagged fill: flagged or not, and
/// the reasons that drove the score (<see cref="FillReasons"/>).
/// </summary>
public sealed class FillTagger(ScoringOptions options)
{
    public ScoredFill Tag(Fill fill, ReadOnlySpan<float> f, double adversePremium, double score, ModelMetadata model)
    {
        // Without a USD value (a BTC-quoted pair before any BTC-USDT trade) size and liquidity
        // features are meaningless: such a fill is scored but never flagged.
        var lostOffMarket = fill.Usd > 0
            && adversePremium >= options.MinAdversePremium
            && f[FeatureSchema.AdversePremiumZ] >= options.MinPremiumZ
            && f[FeatureSchema.OffMarketOffset] < options.MaxOffMarketOffset
            && fill.OrganicCrowd5m <= options.MaxOffMarketCrowd;
        var flagged = lostOffMarket && score >= (options.FlagScore ?? model.FlagScore);
        return new ScoredFill
        {
            Fill = fill,
            Score = Math.Round(score, 6),
            AdversePremium = Math.Round(adversePremium, 6),
            Flagged = flagged,
            LostOffMarket = lostOffMarket && !flagged,
            // A new key of an app, sent from one of that app's servers, is the app at work, not a key in other hands.
            NewSourceForKey = fill.ApiKeyId is not null && (f[FeatureSchema.NewIp] > 0 || (f[FeatureSchema.NewKey] > 0 && fill.AppId is null)),
            Reasons = flagged ? FillReasons.Explain(fill, f, adversePremium, model) : [],
            ModelVersion = options.RulesOnly ? "rules-only" : model.ModelVersion,
        };
    }
}
