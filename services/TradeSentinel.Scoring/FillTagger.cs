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
        // A new key of an app, sent from one of that app's servers, is the app at work, not a key in other hands.
        var newSourceForKey = fill.ApiKeyId is not null && (f[FeatureSchema.NewIp] > 0 || (f[FeatureSchema.NewKey] > 0 && fill.AppId is null));
        // A key with a past, sent from an address it (and its app) never used: a sign of other hands
        // that a crowd does not excuse. A key never seen is any newcomer to a pump, and every key on
        // the day a deployment starts.
        var knownKeyFromElsewhere = fill.ApiKeyId is not null && f[FeatureSchema.NewKey] == 0 && f[FeatureSchema.NewIp] > 0;
        // Without a USD value (a BTC-quoted pair before any BTC-USDT trade) size and liquidity
        // features are meaningless: such a fill is scored but never flagged. An account that wins
        // about what it loses off-market is a bot in a volatile market, unless this order came from
        // an address its own key never used: a phished key of an active bot is not excused by what
        // the bot's own orders win. An app's key stays excused: a restarted scorer has not learnt
        // the app's servers again, and its busy two-sided bots would look sent from elsewhere.
        var offMarketLoss = fill.Usd > 0
            && adversePremium >= options.MinAdversePremium
            && f[FeatureSchema.AdversePremiumZ] >= options.MinPremiumZ
            && (f[FeatureSchema.OffMarketOffset] < options.MaxOffMarketOffset || (knownKeyFromElsewhere && fill.AppId is null));
        var inCrowd = fill.OrganicCrowd5m > options.MaxOffMarketCrowd;
        var flagged = offMarketLoss && !inCrowd && score >= (options.FlagScore ?? model.FlagScore);
        return new ScoredFill
        {
            Fill = fill,
            Score = Math.Round(score, 6),
            AdversePremium = Math.Round(adversePremium, 6),
            Flagged = flagged,
            LostOffMarket = offMarketLoss && !inCrowd && !flagged,
            LostInCrowd = offMarketLoss && inCrowd && knownKeyFromElsewhere,
            NewSourceForKey = newSourceForKey,
            Reasons = flagged ? FillReasons.Explain(fill, f, adversePremium, model) : [],
            ModelVersion = options.RulesOnly ? "rules-only" : model.ModelVersion,
        };
    }
}
