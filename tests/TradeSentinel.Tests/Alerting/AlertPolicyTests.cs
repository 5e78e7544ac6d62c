using TradeSentinel.Alerting;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Pipeline;

namespace TradeSentinel.Tests.Alerting;

public class AlertPolicyTests
{
    private readonly AlertPolicy _policy = new(new AlertingOptions());

    private static ScoredFill Flagged(string account = "V1", string? key = "KV1", string? app = "app-3c", double premium = 1.5) => new()
    {
        Fill = new Fill
        {
            TradeId = "T9",
            Ts = 1000,
            Symbol = "DMG-USDT",
            Side = "buy",
            AccountId = account,
            ApiKeyId = key,
            AppId = app,
            Channel = key is null ? "web" : "api",
            Counterparty = new Counterparty { AccountId = "BEN", Channel = "api" },
        },
        Score = 0.99,
        AdversePremium = premium,
        Flagged = true,
        ModelVersion = "m1",
        NewSourceForKey = key is not null,
        Reasons = [new AlertReason("price_premium", "paid 2.5x the 15-min VWAP")],
    };

    private static string Json(FreezeRecommendation a) => System.Text.Json.JsonSerializer.Serialize(a, TradeSentinel.Core.SentinelJson.Default.FreezeRecommendation);

    private static Correlation Seen(long accountFlags = 1, long victims = 1, long appAccounts = 1, long allVictims = 0, params VictimRef[] prior) =>
        new(accountFlags, victims, appAccounts, Math.Max(allVictims, appAccounts), prior);

    [Fact]
    public void A_single_flag_through_a_web_session_freezes_nobody()
    {
        Assert.Empty(_policy.Decide(Flagged(key: null, app: null), Seen()));
    }

    /// <summary>A loss of 25%: off the market, but not so far that one victim names the account it paid.</summary>
    private const double NearMarket = 0.25;

    [Fact]
    public void A_single_flag_through_an_api_key_revokes_that_key_only()
    {
        var alert = Assert.Single(_policy.Decide(Flagged(premium: NearMarket), Seen()));
        Assert.Equal((AlertActions.RevokeApiKey, "KV1", "V1"), (alert.Action, alert.ApiKeyId, alert.AccountId));
    }

    [Fact]
    public void One_stolen_key_paying_far_off_the_market_freezes_the_account_it_paid_at_once()
    {
        // An attacker who read that two victims name a beneficiary gives each victim an account of its
        // own, with weeks of ordinary trading behind it: the first loss must name it, before it withdraws.
        var alerts = _policy.Decide(Flagged(premium: 1.6), Seen());
        var beneficiary = Assert.Single(alerts, a => a.Role == AlertActions.Beneficiary);
        Assert.Equal(("fa:beneficiary:BEN:medium", "BEN"), (beneficiary.AlertId, beneficiary.AccountId));
        Assert.Equal("counterparty BEN won from V1, who paid 2.6x the 15-min VWAP through key KV1 from an address it never used: " +
            "one loss that far off the market (paying 2.0x or selling at 1/2.0, or further) names a beneficiary; smaller ones take 2 victims",
            beneficiary.Reasons[0].Detail);
        Assert.Contains(alerts, a => (a.Action, a.ApiKeyId) == (AlertActions.RevokeApiKey, "KV1"));
        // From 2x the VWAP on, not below it; and not from the key's usual address, nor in a crowd of independent payers.
        Assert.Contains(_policy.Decide(Flagged(premium: 1.0), Seen()), a => a.Role == AlertActions.Beneficiary);
        Assert.DoesNotContain(_policy.Decide(Flagged(premium: 0.99), Seen()), a => a.Role == AlertActions.Beneficiary);
        var ownSource = Flagged(premium: 1.6);
        ownSource.NewSourceForKey = false;
        Assert.DoesNotContain(_policy.Decide(ownSource, Seen(accountFlags: 2)), a => a.Role == AlertActions.Beneficiary);
        var inPump = Flagged(premium: 1.6);
        inPump.Fill.Market.PremiumSellers5m = 40;
        inPump.Fill.Market.PremiumPayers5m = 35;
        Assert.DoesNotContain(_policy.Decide(inPump, Seen(accountFlags: 2)), a => a.Role == AlertActions.Beneficiary);
    }

    [Fact]
    public void Victims_spent_a_few_at_a_time_in_one_coin_still_name_each_account_they_paid_far_off_the_market()
    {
        // Five victims' stolen keys paying five sellers in one coin within 5 minutes: a crowd of five,
        // over the three that let one flag revoke a key alone, under the scorer's organic-crowd limit.
        var fifth = Flagged(premium: 1.5);
        fifth.Fill.Market.PremiumSellers5m = 5;
        fifth.Fill.Market.PremiumPayers5m = 5;
        Assert.False(_policy.KeyInOtherHands(fifth));
        Assert.Contains(_policy.Decide(fifth, Seen()), a => a.Role == AlertActions.Beneficiary);
        var paid = Paid(account: "V2", key: "KV2", premium: 1.5);
        paid.Fill.Market.DiscountBuyers5m = 5;
        paid.Fill.Market.DiscountPayers5m = 5;
        Assert.Contains(_policy.DecidePaidBeneficiary(paid, [new("V2", "KV2", null)]), a => a.Role == AlertActions.Beneficiary);
        // Past the crowd limit the price is the market's: one loss names nobody.
        fifth.Fill.Market.PremiumSellers5m = fifth.Fill.Market.PremiumPayers5m = 9;
        Assert.DoesNotContain(_policy.Decide(fifth, Seen()), a => a.Role == AlertActions.Beneficiary);
    }

    [Fact]
    public void One_unflagged_loss_far_off_the_market_through_a_key_in_other_hands_freezes_the_account_it_paid()
    {
        // On a real coin's wide market the score stayed under the flag for this fill; the key and the price still say enough.
        var alerts = _policy.DecidePaidBeneficiary(Paid(account: "V2", key: "KV2", premium: 1.2), [new("V2", "KV2", null)]);
        Assert.Equal(["fa:beneficiary:BEN:medium", "rk:KV2:critical"], alerts.Select(a => a.AlertId).Order());
        Assert.Empty(_policy.DecidePaidBeneficiary(Paid(account: "V2", key: "KV2", premium: NearMarket), [new("V2", "KV2", null)]));
    }

    [Fact]
    public void A_single_flag_from_a_source_the_key_always_used_waits_for_corroboration()
    {
        // A bad price alone: the owner may simply have chased a pump through their own bot.
        var ownSource = Flagged();
        ownSource.NewSourceForKey = false;
        Assert.Empty(_policy.Decide(ownSource, Seen()));
        Assert.Single(_policy.Decide(ownSource, Seen(accountFlags: 2)));
    }

    [Fact]
    public void In_a_crowd_of_independent_buyers_paying_up_a_single_flag_waits_for_corroboration()
    {
        // An organic pump: dozens of other people paid above-market prices in the last 5 minutes.
        var inPump = Flagged();
        inPump.Fill.Market.PremiumSellers5m = 40;
        inPump.Fill.Market.PremiumPayers5m = 35;
        Assert.Empty(_policy.Decide(inPump, Seen()));
        Assert.Single(_policy.Decide(inPump, Seen(accountFlags: 2)));
    }

    [Fact]
    public void Many_sellers_paid_by_the_victims_own_app_alone_do_not_delay_revoking_a_key_in_other_hands()
    {
        // Thirty attacker accounts collecting from one leaked app: the winners are many, the payers one.
        var crowd = Flagged();
        crowd.Fill.Market.PremiumSellers5m = 30;
        crowd.Fill.Market.PremiumPayers5m = 0;
        Assert.True(_policy.KeyInOtherHands(crowd));
        Assert.Contains(_policy.Decide(crowd, Seen()), a => a.Action == AlertActions.RevokeApiKey);
    }

    [Fact]
    public void A_counterparty_that_only_ever_wins_off_market_is_frozen_at_its_first_victim()
    {
        var alerts = _policy.Decide(Flagged(premium: NearMarket), Seen() with { CounterpartyOnlyWins = true });
        var beneficiary = Assert.Single(alerts, a => a.Role == AlertActions.Beneficiary);
        Assert.Equal(("fa:beneficiary:BEN:medium", "BEN", "only_wins_off_market"), (beneficiary.AlertId, beneficiary.AccountId, beneficiary.Reasons[0].Code));
        // Nothing else changes with it: the victim's own recommendation is the one it gets without it,
        // so it does not matter which of the trade's two fills reached the alerter first.
        var without = _policy.Decide(Flagged(premium: NearMarket), Seen());
        Assert.DoesNotContain(without, a => a.Role == AlertActions.Beneficiary);
        Assert.Equal(without.Select(Json), alerts.Where(a => a.Role != AlertActions.Beneficiary).Select(Json));
        // Earlier victims of it are not named on that evidence alone (a second victim does that).
        Assert.DoesNotContain(_policy.Decide(Flagged(premium: NearMarket), Seen(prior: new VictimRef("V0", "KV0", null)) with { CounterpartyOnlyWins = true }),
            a => a.AccountId == "V0");
    }

    [Fact]
    public void Either_fill_of_the_trade_derives_the_same_only_winner_recommendation()
    {
        // After a crash the decision may move from the victim's fill to the beneficiary's: the record must not change.
        var flagged = Flagged(premium: NearMarket);
        var fromVictim = Assert.Single(_policy.Decide(flagged, Seen() with { CounterpartyOnlyWins = true }), a => a.Role == AlertActions.Beneficiary);
        var winnerFill = WinningFill.Of(flagged).Fill;
        var evidence = OnlyWinnerEvidence.Parse(OnlyWinnerEvidence.Of(flagged, namedBeneficiary: false).Write())!;
        var fromWinner = AlertPolicy.OnlyWinnerAlert("BEN", winnerFill.Counterparty.AccountId, winnerFill, evidence.Score, evidence.ModelVersion);
        Assert.Equal(Json(fromVictim), Json(fromWinner));
    }

    [Fact]
    public void A_beneficiary_the_stolen_key_fill_named_on_its_own_loss_is_not_named_again_by_the_trades_other_fill()
    {
        // The victim's fill reached the alerter first and named BEN (a 2.6x loss); BEN's own fill, which
        // says it only ever wins, must not add a second, different record under the same id.
        var flagged = Flagged(premium: 1.6);
        var evidence = OnlyWinnerEvidence.Parse(OnlyWinnerEvidence.Of(flagged, _policy.NamesBeneficiaryAlone(flagged)).Write())!;
        Assert.Equal((0.99, "m1", true), (evidence.Score, evidence.ModelVersion, evidence.NamedBeneficiary));
        var winner = WinningFill.Of(flagged);
        Assert.Empty(_policy.DecideOnlyWinner(winner, counterpartyVictims: 1, evidence));
        Assert.Single(_policy.DecideOnlyWinner(winner, counterpartyVictims: 1, evidence with { NamedBeneficiary = false }));
        // Word left by an alerter from before the single-victim rule reads as "not named".
        Assert.Equal(new OnlyWinnerEvidence(0.99, "m1", false), OnlyWinnerEvidence.Parse("0.99|m1"));
    }

    [Fact]
    public void A_counterparty_that_only_wins_is_not_frozen_on_a_fill_that_does_not_show_the_key_in_other_hands()
    {
        // The alerter asks for the counterparty only on this evidence: from the key's usual source, or in a crowd, it does not.
        var ownSource = Flagged();
        ownSource.NewSourceForKey = false;
        Assert.False(_policy.KeyInOtherHands(ownSource));
        var inPump = Flagged();
        inPump.Fill.Market.PremiumSellers5m = 5;
        inPump.Fill.Market.PremiumPayers5m = 4;
        Assert.False(_policy.KeyInOtherHands(inPump));
        Assert.True(_policy.KeyInOtherHands(Flagged()));
    }

    [Fact]
    public void A_second_victim_of_one_counterparty_freezes_it_as_beneficiary_and_names_both_victims()
    {
        var alerts = _policy.Decide(Flagged(), Seen(victims: 2, prior: [new VictimRef("V0", "KV0", "app-3c"), new VictimRef("V1", "KV1", "app-3c")]));
        var beneficiary = Assert.Single(alerts, a => a.Role == AlertActions.Beneficiary);
        Assert.Equal(("freeze_account", "BEN", "fa:beneficiary:BEN:medium"), (beneficiary.Action, beneficiary.AccountId, beneficiary.AlertId));
        var keys = alerts.Where(a => a.Action == AlertActions.RevokeApiKey).OrderBy(a => a.AccountId).ToList();
        Assert.Equal(["V0", "V1"], keys.Select(a => a.AccountId));
        Assert.Equal(["rk:KV0:critical", "rk:KV1:critical"], keys.Select(a => a.AlertId));
        Assert.All(alerts, a => Assert.Equal(["T9"], a.TradeIds));
    }

    [Fact]
    public void A_loss_the_score_did_not_flag_names_a_victim_once_its_counterparty_is_a_confirmed_beneficiary()
    {
        // A sell-side attack drags the thin coin's VWAP down with it: a later victim sells "only" 45%
        // below it, under the flag score, to the account already collecting from two flagged victims.
        var loss = Paid(account: "V7", key: "KV7", premium: NearMarket);
        Assert.Empty(_policy.DecidePaidBeneficiary(loss, [new("V7", "KV7", null)]));
        var alerts = _policy.DecidePaidBeneficiary(loss, [new("V1", "KV1", "app-3c"), new("V7", "KV7", null)]);
        var alert = Assert.Single(alerts, a => a.AccountId == "V7");
        Assert.Equal((AlertActions.RevokeApiKey, "KV7", "medium"), (alert.Action, alert.ApiKeyId, alert.Severity));
        Assert.Equal("paid_confirmed_beneficiary", alert.Reasons[0].Code); // 1/1.25 of the reference: 20% below it
        Assert.Equal("sold 20% below the 15-min VWAP to BEN through key KV7, from an address the key never used", alert.Reasons[0].Detail);
        Assert.Contains(alert.Evidence!.Related!, r => (r.Id, r.Role) == ("BEN", RelatedRoles.Beneficiary));
    }

    [Fact]
    public void Two_losses_from_keys_in_other_hands_freeze_the_account_they_paid_though_the_score_flagged_neither()
    {
        // On a real coin's wide market the model scored every fill of an attack under the flag score;
        // two victims' keys sent orders from addresses they never used, and both paid BEN off-market.
        var loss = Paid(account: "V2", key: "KV2", premium: 1.2);
        var alerts = _policy.DecidePaidBeneficiary(loss, [new("V1", "KV1", "app-3c"), new("V2", "KV2", null)]);
        var beneficiary = Assert.Single(alerts, a => a.Role == AlertActions.Beneficiary);
        Assert.Equal(("fa:beneficiary:BEN:medium", "BEN"), (beneficiary.AlertId, beneficiary.AccountId));
        Assert.Equal(ReasonCodes.CollectingCounterparty, beneficiary.Reasons[0].Code);
        Assert.Contains("whose key KV2 sent the order from an address it never used", beneficiary.Reasons[1].Detail);
        Assert.Equal(["rk:KV1:critical", "rk:KV2:critical"], alerts.Where(a => a.Action == AlertActions.RevokeApiKey).Select(a => a.AlertId).Order());
        Assert.All(alerts, a => Assert.Equal(2, a.SchemaVersion));
        // One account robbed through two keys is one victim: an attacker's own account with two fresh
        // keys cannot make its counterparty a beneficiary with losses near the market.
        Assert.Empty(_policy.DecidePaidBeneficiary(Paid(account: "V2", key: "KV2", premium: NearMarket), [new("V2", "KV2b", null), new("V2", "KV2", null)]));
        // The same loss from the address its key always uses is no evidence that anyone else holds it.
        loss.NewSourceForKey = false;
        Assert.Empty(_policy.DecidePaidBeneficiary(loss, [new("V1", "KV1", "app-3c"), new("V2", "KV2", null)]));
    }

    [Fact]
    public void An_ordinary_trader_selling_a_little_below_a_dragged_reference_to_a_beneficiary_is_no_victim()
    {
        // The attack pulled the coin's VWAP up; a market maker sells at the true price, 4% "below" it,
        // to the beneficiary's ordinary bid, from the address its key always uses.
        var loss = Paid(account: "MM1", key: "KMM1", premium: 0.04);
        loss.NewSourceForKey = false;
        Assert.False(AlertPolicy.CountsAsVictim(loss));
        Assert.Empty(_policy.DecidePaidBeneficiary(loss, [new("V1", "KV1", null), new("V2", "KV2", null), new("MM1", "KMM1", null)]));
    }

    [Fact]
    public void A_loss_in_a_crowd_to_an_account_that_only_ever_wins_names_both_whichever_fill_of_the_trade_decides()
    {
        // Phished own keys spent a dozen at once in one coin, each into a seller of its own: a crowd
        // that excuses every single loss, but none of those sellers ever traded except to win.
        var loss = InCrowd(premium: 1.5);
        Assert.True(_policy.MeetsWinner(loss));
        var evidence = OnlyWinnerEvidence.Parse(OnlyWinnerEvidence.Of(loss, _policy.NamesBeneficiaryAlone(loss)).Write())!;
        var fromLoss = _policy.DecideOnlyWinner(loss, counterpartyVictims: 0, evidence);
        var fromWinner = _policy.DecideOnlyWinner(WinningFill.Of(loss), counterpartyVictims: 0, evidence);

        Assert.Equal(["fa:beneficiary:BEN:medium", "rk:KV1:critical"], fromLoss.Select(a => a.AlertId).Order());
        Assert.Equal(fromLoss.Select(Json), fromWinner.Select(Json));
        var key = Assert.Single(fromLoss, a => a.Action == AlertActions.RevokeApiKey);
        Assert.Equal(ReasonCodes.PaidConfirmedBeneficiary, key.Reasons[0].Code);
        Assert.Equal("paid 2.5x the 15-min VWAP to BEN, which took the winning side of an off-market price in every trade it made, through key KV1 " +
            "from an address the key never used; at least 12 others paid such prices in DMG-USDT within 5 min, and as many took them: " +
            "a crowd, but a crowd's counterparties also trade at the market",
            key.Reasons[0].Detail);
        Assert.Contains(key.Evidence!.Related!, r => (r.Id, r.Role) == ("BEN", RelatedRoles.Beneficiary));
        // Not met (the seller also trades at the market): nobody.
        Assert.Empty(_policy.DecideOnlyWinner(loss, counterpartyVictims: 0, evidence: null));
    }

    [Fact]
    public void A_loss_in_a_crowd_is_named_though_its_beneficiary_was_already_and_an_ordinary_unflagged_loss_is_named_once()
    {
        // BEN was confirmed by two earlier victims: the crowd's loss is not among them, the meeting names it.
        var crowd = InCrowd(premium: 1.5);
        var named = _policy.DecideOnlyWinner(crowd, counterpartyVictims: 2, OnlyWinnerEvidence.Of(crowd, namedBeneficiary: false));
        Assert.Equal(["rk:KV1:critical"], named.Select(a => a.AlertId));
        // Outside a crowd the loss counted among BEN's victims and was named with it (DecidePaidBeneficiary); met
        // before that, the meeting names both, as either fill would.
        var paid = Paid(account: "V2", key: "KV2", premium: 0.5);
        Assert.Empty(_policy.DecideOnlyWinner(paid, counterpartyVictims: 2, OnlyWinnerEvidence.Of(paid, namedBeneficiary: false)));
        Assert.Equal(["fa:beneficiary:BEN:medium", "rk:KV2:high"],
            _policy.DecideOnlyWinner(paid, counterpartyVictims: 1, OnlyWinnerEvidence.Of(paid, namedBeneficiary: false)).Select(a => a.AlertId).Order());
        // A flagged fill names its own victim: the meeting adds only the beneficiary, as before.
        var flagged = Flagged(premium: NearMarket);
        Assert.Equal(["fa:beneficiary:BEN:medium"],
            _policy.DecideOnlyWinner(WinningFill.Of(flagged), counterpartyVictims: 0, OnlyWinnerEvidence.Of(flagged, namedBeneficiary: false)).Select(a => a.AlertId));
    }

    [Fact]
    public void Only_an_unflagged_loss_far_off_the_market_through_a_key_in_other_hands_waits_for_its_winner()
    {
        // A roaming trader's 4% bad fill against a newcomer's first trade names nobody; a stolen key spent at 1.3x does.
        Assert.False(_policy.MeetsWinner(InCrowd(premium: 0.04)));
        Assert.False(_policy.MeetsWinner(Paid(account: "V2", key: "KV2", premium: 0.29)));
        Assert.True(_policy.MeetsWinner(Paid(account: "V2", key: "KV2", premium: 0.3)));
        var ownSource = Paid(account: "V2", key: "KV2", premium: 0.5);
        ownSource.NewSourceForKey = false;
        Assert.False(_policy.MeetsWinner(ownSource));
        Assert.False(_policy.MeetsWinner(Flagged())); // a flagged fill meets its winner on its own terms (KeyInOtherHands)
    }

    [Fact]
    public void The_word_left_for_the_winning_fill_reads_back_as_written_and_older_words_still_read()
    {
        var crowd = InCrowd(premium: 1.234567);
        Assert.Equal(new OnlyWinnerEvidence(0.99, "m1", false, 1.234567, Crowd: 12),
            OnlyWinnerEvidence.Parse(OnlyWinnerEvidence.Of(crowd, namedBeneficiary: false).Write()));
        Assert.Equal(new OnlyWinnerEvidence(0.99, "m1", true), OnlyWinnerEvidence.Parse("0.99|m1|named"));
        // "named" goes last, where an alerter from before the other marks looks for it.
        Assert.EndsWith("|named", new OnlyWinnerEvidence(0.5, "m1", true, 0.75).Write());
        Assert.Equal(new OnlyWinnerEvidence(0.5, "m|2", false, 0.75), OnlyWinnerEvidence.Parse("0.5|m|2|loss:0.75"));
    }

    // A loss an organic crowd excused, through a key with a past sent from an address it never used.
    private static ScoredFill InCrowd(double premium)
    {
        var loss = Flagged(app: null, premium: premium);
        loss.Fill.Market.PremiumSellers5m = 12;
        loss.Fill.Market.PremiumPayers5m = 14;
        (loss.Flagged, loss.LostInCrowd, loss.Reasons) = (false, true, []);
        return loss;
    }

    private static ScoredFill Paid(string account, string key, double premium)
    {
        var loss = Flagged(account: account, key: key, app: null, premium: premium);
        loss.Fill.Side = "sell";
        (loss.Flagged, loss.LostOffMarket, loss.Reasons) = (false, true, []);
        return loss;
    }

    [Fact]
    public void A_victim_without_an_api_key_is_frozen_rather_than_its_key_revoked()
    {
        var alerts = _policy.Decide(Flagged(key: null, app: null, premium: 0.1), Seen(accountFlags: 2));
        var alert = Assert.Single(alerts);
        Assert.Equal((AlertActions.FreezeAccount, AlertActions.Victim, "medium"), (alert.Action, alert.Role, alert.Severity));
    }

    [Fact]
    public void Many_flagged_accounts_of_one_app_feeding_a_beneficiary_revoke_the_app()
    {
        var alerts = _policy.Decide(Flagged(), Seen(victims: 3, appAccounts: 6));
        var app = Assert.Single(alerts, a => a.Action == AlertActions.RevokeAppKeys);
        Assert.Equal(("app-3c", "ra:app-3c:high"), (app.AppId, app.AlertId));
        Assert.Contains("6 of the 6 accounts", app.Reasons[0].Detail);
        Assert.Contains(app.Reasons, r => r.Code == "app_wide_compromise");
    }

    [Fact]
    public void An_app_whose_users_are_a_minority_of_the_victims_is_not_revoked()
    {
        // Victims spread over every app (a phishing wave, a sell-side raid): no app's keys leaked wholesale.
        Assert.DoesNotContain(_policy.Decide(Flagged(), Seen(victims: 3, appAccounts: 8, allVictims: 20)), a => a.Action == AlertActions.RevokeAppKeys);
        // Early in an attack a handful of victims can share an app by chance: too few to revoke it.
        Assert.DoesNotContain(_policy.Decide(Flagged(), Seen(victims: 3, appAccounts: 3, allVictims: 4)), a => a.Action == AlertActions.RevokeAppKeys);
        Assert.Contains(_policy.Decide(Flagged(), Seen(victims: 3, appAccounts: 12, allVictims: 20)), a => a.Action == AlertActions.RevokeAppKeys);
    }

    [Fact]
    public void Flagged_app_accounts_trading_from_the_apps_own_servers_without_a_shared_beneficiary_do_not_revoke_the_app()
    {
        // Copy-trading: many users of one app buy the same coin from many different sellers, from the app's servers.
        var copying = Flagged();
        copying.NewSourceForKey = false;
        Assert.DoesNotContain(_policy.Decide(copying, Seen(victims: 1, appAccounts: 12)), a => a.Action == AlertActions.RevokeAppKeys);
    }

    [Fact]
    public void An_apps_keys_used_from_elsewhere_by_many_of_its_accounts_revoke_the_app_before_any_beneficiary_is_confirmed()
    {
        // Thirty sellers, each paid once so far: no beneficiary confirmed, but the keys are in other hands.
        var alerts = _policy.Decide(Flagged(premium: NearMarket), Seen(victims: 1, appAccounts: 6));
        var app = Assert.Single(alerts, a => a.Action == AlertActions.RevokeAppKeys);
        Assert.Equal(["app_wide_compromise", "key_in_other_hands"], app.Reasons.Select(r => r.Code));
        // Still not when the app's users are a minority of the victims, nor for fewer than five of them.
        Assert.DoesNotContain(_policy.Decide(Flagged(premium: NearMarket), Seen(victims: 1, appAccounts: 6, allVictims: 20)), a => a.Action == AlertActions.RevokeAppKeys);
        Assert.DoesNotContain(_policy.Decide(Flagged(premium: NearMarket), Seen(victims: 1, appAccounts: 4)), a => a.Action == AlertActions.RevokeAppKeys);
    }

    [Fact]
    public void Escalation_changes_the_id_and_a_repeat_does_not()
    {
        var medium = _policy.Decide(Flagged(), Seen(victims: 2)).Single(a => a.Role == AlertActions.Beneficiary);
        var again = _policy.Decide(Flagged(), Seen(victims: 2)).Single(a => a.Role == AlertActions.Beneficiary);
        var critical = _policy.Decide(Flagged(), Seen(victims: 6)).Single(a => a.Role == AlertActions.Beneficiary);
        Assert.Equal(medium.AlertId, again.AlertId);
        Assert.NotEqual(medium.AlertId, critical.AlertId);
        Assert.Equal("critical", critical.Severity);
    }
}
