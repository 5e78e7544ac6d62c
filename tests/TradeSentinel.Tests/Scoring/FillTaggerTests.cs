using TradeSentinel.Core.Pipeline;
using TradeSentinel.Scoring;
using TradeSentinel.Scoring.Features;
using TradeSentinel.Scoring.Model;

namespace TradeSentinel.Tests.Scoring;

public class FillTaggerTests
{
    private static readonly ModelMetadata Model = new()
    {
        ModelVersion = "m1",
        FlagScore = 0.9,
        FeatureMeans = new double[FeatureSchema.Count],
        FeatureStdDevs = Enumerable.Repeat(0.3, FeatureSchema.Count).ToArray(),
    };

    private static (Fill Fill, float[] Features) Case(double price = 3.0, int offMarketSellers = 1, int otherPayers = 0)
    {
        var fill = new Fill
        {
            TradeId = "T1",
            Ts = 1,
            Symbol = "DMG-USDT",
            Side = "buy",
            Price = price,
            Usd = 2500,
            AccountId = "A1",
            Channel = "api",
            ApiKeyId = "K1",
            Market = new MarketContext
            {
                Vwap15m = 1.0,
                Dispersion = 0.01,
                UsdVolume1h = 5000,
                PremiumSellers5m = offMarketSellers,
                PremiumPayers5m = otherPayers
            },
            Counterparty = new Counterparty { AccountId = "B1", Channel = "api" },
        };
        var features = new float[FeatureSchema.Count];
        features[FeatureSchema.AdversePremiumZ] = (float)(Math.Log(price) / 0.01);
        features[FeatureSchema.NewSymbol] = 1;
        features[FeatureSchema.NewIp] = 1;
        return (fill, features);
    }

    private readonly FillTagger _tagger = new(new ScoringOptions());

    [Fact]
    public void A_confident_score_on_a_loss_making_off_market_fill_is_flagged_with_reasons_in_words()
    {
        var (fill, f) = Case();
        var tagged = _tagger.Tag(fill, f, FeatureExtractor.AdversePremium(fill), 0.97, Model);
        Assert.True(tagged.Flagged);
        Assert.Equal("price_premium", tagged.Reasons[0].Code);
        Assert.StartsWith("paid 3.0x the 15-min VWAP of 1 USDT (3 USDT)", tagged.Reasons[0].Detail);
        Assert.InRange(tagged.Reasons.Count, 2, 3);
        Assert.Equal("m1", tagged.ModelVersion);
        Assert.True(tagged.NewSourceForKey);
    }

    [Fact]
    public void Below_the_models_flag_score_nothing_is_flagged_but_the_off_market_loss_is_told_to_the_alerter()
    {
        var (fill, f) = Case();
        var tagged = _tagger.Tag(fill, f, FeatureExtractor.AdversePremium(fill), 0.89, Model);
        Assert.False(tagged.Flagged);
        Assert.True(tagged.LostOffMarket);
        Assert.Empty(tagged.Reasons);
        Assert.False(_tagger.Tag(fill, f, FeatureExtractor.AdversePremium(fill), 0.97, Model).LostOffMarket); // flagged: one or the other
    }

    [Fact]
    public void A_fill_at_the_market_or_in_an_organic_crowd_is_no_off_market_loss()
    {
        var (atMarket, f) = Case(price: 1.01);
        Assert.False(_tagger.Tag(atMarket, f, FeatureExtractor.AdversePremium(atMarket), 0.5, Model).LostOffMarket);
        var (crowd, g) = Case(offMarketSellers: 30, otherPayers: 25);
        Assert.False(_tagger.Tag(crowd, g, FeatureExtractor.AdversePremium(crowd), 0.5, Model).LostOffMarket);
    }

    [Fact]
    public void A_fill_at_the_market_is_not_flagged_whatever_its_score()
    {
        var (fill, f) = Case(price: 1.01);
        Assert.False(_tagger.Tag(fill, f, FeatureExtractor.AdversePremium(fill), 0.99, Model).Flagged);
    }

    [Fact]
    public void Paying_what_a_whole_crowd_of_independent_buyers_pays_is_not_flagged()
    {
        // An organic pump: 30 sellers received above-market prices from 25 other people (or apps) in the last 5 minutes.
        var (fill, f) = Case(offMarketSellers: 30, otherPayers: 25);
        Assert.False(_tagger.Tag(fill, f, FeatureExtractor.AdversePremium(fill), 0.99, Model).Flagged);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(14)]
    [InlineData(30)]
    public void Many_sellers_paid_only_by_this_fills_own_app_do_not_switch_the_flag_off(int sellers)
    {
        // An attacker's accounts selling into one leaked app's keys: many winners, no other payer.
        var (fill, f) = Case(offMarketSellers: sellers, otherPayers: 0);
        fill.AppId = "app-3c";
        Assert.True(_tagger.Tag(fill, f, FeatureExtractor.AdversePremium(fill), 0.99, Model).Flagged);
    }

    [Fact]
    public void Many_victims_with_their_own_keys_paying_a_few_sellers_are_no_crowd_either()
    {
        // Dormant own keys of a dozen people spent in one coin: a dozen payers, two winners.
        var (fill, f) = Case(offMarketSellers: 2, otherPayers: 12);
        Assert.True(_tagger.Tag(fill, f, FeatureExtractor.AdversePremium(fill), 0.99, Model).Flagged);
    }

    [Fact]
    public void A_loss_of_an_account_that_won_about_as_much_off_market_lately_is_not_flagged_unless_its_key_came_from_elsewhere()
    {
        // A bot trading both sides of a pump from its own server; a stolen key's owner has nothing to offset its loss.
        var (fill, f) = Case();
        f[FeatureSchema.OffMarketOffset] = 0.9f;
        f[FeatureSchema.NewIp] = 0;
        Assert.False(_tagger.Tag(fill, f, FeatureExtractor.AdversePremium(fill), 0.99, Model).Flagged);
        f[FeatureSchema.OffMarketOffset] = 0.05f;
        Assert.True(_tagger.Tag(fill, f, FeatureExtractor.AdversePremium(fill), 0.99, Model).Flagged);
        // The bot's own key sent from an address it never used (phished): what the bot's own orders won excuses nothing.
        f[FeatureSchema.OffMarketOffset] = 0.9f;
        f[FeatureSchema.NewIp] = 1;
        Assert.True(_tagger.Tag(fill, f, FeatureExtractor.AdversePremium(fill), 0.99, Model).Flagged);
        // An app's key may be on another of its app's servers that a restarted scorer has not learnt yet: still excused.
        fill.AppId = "app-3c";
        Assert.False(_tagger.Tag(fill, f, FeatureExtractor.AdversePremium(fill), 0.99, Model).Flagged);
        fill.AppId = null;
        // A key never seen has no sources to tell a new one by: the account's two-sided trading still excuses it.
        (f[FeatureSchema.NewIp], f[FeatureSchema.NewKey]) = (0, 1);
        var newKey = _tagger.Tag(fill, f, FeatureExtractor.AdversePremium(fill), 0.99, Model);
        Assert.True(newKey.NewSourceForKey);
        Assert.False(newKey.Flagged);
    }

    [Fact]
    public void A_loss_in_an_organic_crowd_through_a_key_with_a_past_sent_from_elsewhere_is_told_to_the_alerter_unflagged()
    {
        var (fill, f) = Case(offMarketSellers: 30, otherPayers: 25); // the key has a past, and sent this from an address it never used
        var tagged = _tagger.Tag(fill, f, FeatureExtractor.AdversePremium(fill), 0.99, Model);
        Assert.Equal((false, false, true, true), (tagged.Flagged, tagged.LostOffMarket, tagged.LostInCrowd, tagged.NeedsCorrelation));
        fill.AppId = "app-3c"; // an app's key too: its app's servers never sent from there either
        Assert.True(_tagger.Tag(fill, f, FeatureExtractor.AdversePremium(fill), 0.99, Model).LostInCrowd);
        fill.AppId = null;
        // From the key's own address it is one more buyer of the pump; a key never seen is any newcomer to it.
        f[FeatureSchema.NewIp] = 0;
        Assert.False(_tagger.Tag(fill, f, FeatureExtractor.AdversePremium(fill), 0.99, Model).NeedsCorrelation);
        f[FeatureSchema.NewKey] = 1;
        Assert.False(_tagger.Tag(fill, f, FeatureExtractor.AdversePremium(fill), 0.99, Model).LostInCrowd);
        // Outside a crowd it is an ordinary off-market loss, not one in a crowd.
        var (alone, g) = Case();
        Assert.False(_tagger.Tag(alone, g, FeatureExtractor.AdversePremium(alone), 0.5, Model).LostInCrowd);
    }

    [Fact]
    public void A_fill_whose_quote_cannot_be_priced_in_usd_is_never_flagged()
    {
        var (fill, f) = Case();
        fill.Usd = 0; // e.g. DMG-BTC before any BTC-USDT trade was seen
        Assert.False(_tagger.Tag(fill, f, FeatureExtractor.AdversePremium(fill), 0.99, Model).Flagged);
    }

    [Fact]
    public void The_rules_only_ablation_scores_by_its_rule_and_says_so()
    {
        var (fill, f) = Case();
        f[FeatureSchema.AdversePremium] = (float)Math.Log(3.0);
        Assert.Equal(1, RuleScore.Of(f));
        f[FeatureSchema.NewSymbol] = f[FeatureSchema.NewIp] = 0;
        Assert.Equal(0, RuleScore.Of(f)); // a bad price alone is not enough for the rule
        var tagged = new FillTagger(new ScoringOptions { RulesOnly = true }).Tag(fill, f, FeatureExtractor.AdversePremium(fill), 1, Model);
        Assert.Equal("rules-only", tagged.ModelVersion);
    }
}
