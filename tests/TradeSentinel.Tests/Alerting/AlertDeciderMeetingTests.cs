using System.Text.Json;
using TradeSentinel.Alerting;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Alerting;

/// <summary>
/// A trade's two fills meet in a real redis-server, each decided in a batch of its own (two
/// alerters, or one that read them apart): a loss an organic crowd excused names its victim and the
/// account it paid when that account has only ever won off-market, the same records whichever fill
/// came first; a seller that also trades at the market says nothing of the sort, and nobody is named.
/// </summary>
public sealed class AlertDeciderMeetingTests
{
    private const long Start = 1_672_207_200_000;

    [Fact]
    public async Task A_loss_in_a_crowd_and_its_only_winning_seller_name_the_same_two_whichever_fill_comes_first()
    {
        var lossFirst = await DecideApartAsync(CrowdLoss(), WinningFill.Of(CrowdLoss()));
        var winnerFirst = await DecideApartAsync(WinningFill.Of(CrowdLoss()), CrowdLoss());

        Assert.Empty(lossFirst.First);
        Assert.Empty(winnerFirst.First);
        Assert.Equal(["fa:beneficiary:B1:medium", "rk:K1:critical"], lossFirst.Second.Select(a => a.AlertId).Order());
        Assert.Equal(Json(lossFirst.Second), Json(winnerFirst.Second));
        var key = Assert.Single(lossFirst.Second, a => a.Action == AlertActions.RevokeApiKey);
        Assert.Equal(("V1", ReasonCodes.PaidConfirmedBeneficiary, "rk:K1:T1"), (key.AccountId, key.Reasons[0].Code, key.IncidentId));
    }

    [Fact]
    public async Task A_loss_in_a_crowd_names_nobody_when_its_seller_also_trades_at_the_market()
    {
        var seller = WinningFill.Of(CrowdLoss());
        seller.OnlyWinsOffMarket = false; // a market maker or an ordinary newcomer selling into the pump
        var (first, second) = await DecideApartAsync(CrowdLoss(), seller);
        Assert.Empty(first);
        Assert.Empty(second);
    }

    [Fact]
    public async Task A_selling_victims_two_fills_count_its_beneficiarys_victims_alike_and_name_each_subject_once()
    {
        // B1 already collected from V0; V1's key, in other hands, now sells to B1 at 1/1.5 of the VWAP
        // (unflagged). The buyer's fill comes first in event-time order, yet must count V1 as the
        // seller's fill does: two victims, and B1 named once, the ordinary way, with both.
        var earlier = SellingLoss("T0", Start - 60_000, "V0", "K0");
        var loss = SellingLoss("T1", Start, "V1", "K1");
        var lossFirst = await DecideApartAsync(loss, WinningFill.Of(loss), earlier);
        var winnerFirst = await DecideApartAsync(WinningFill.Of(loss), loss, earlier);

        var named = lossFirst.First.Concat(lossFirst.Second).ToList();
        Assert.Equal(["fa:beneficiary:B1:medium", "rk:K0:high", "rk:K1:high"], named.Select(a => a.AlertId).Order());
        Assert.Equal(Json(named), Json([.. winnerFirst.First, .. winnerFirst.Second]));
        Assert.Equal(ReasonCodes.CollectingCounterparty, Assert.Single(named, a => a.Role == AlertActions.Beneficiary).Reasons[0].Code);
    }

    // Each fill in a batch of its own, after the earlier ones, against a redis-server of the pair's own.
    private static async Task<(List<FreezeRecommendation> First, List<FreezeRecommendation> Second)> DecideApartAsync(ScoredFill first, ScoredFill second,
        params ScoredFill[] earlier)
    {
        using var redis = new LocalRedis();
        var decider = new AlertDecider(new CorrelationStore(redis.Connector), new AlertingOptions());
        foreach (var fill in earlier) await decider.DecideAsync([fill], _ => false);
        return (await decider.DecideAsync([first], _ => false), await decider.DecideAsync([second], _ => false));
    }

    // An own key in other hands selling at 1/1.5 of the VWAP to B1, unflagged, outside any crowd.
    private static ScoredFill SellingLoss(string tradeId, long ts, string account, string key)
    {
        var loss = CrowdLoss();
        (loss.Fill.TradeId, loss.Fill.Ts, loss.Fill.Side, loss.Fill.AccountId, loss.Fill.ApiKeyId) = (tradeId, ts, "sell", account, key);
        (loss.Fill.Market, loss.AdversePremium, loss.LostInCrowd, loss.LostOffMarket) = (new MarketContext(), 0.5, false, true);
        return loss;
    }

    // A phished own key (with a past, sent from an address it never used) paying 2.5x while a dozen others won such prices.
    private static ScoredFill CrowdLoss() => new()
    {
        Fill = new Fill
        {
            TradeId = "T1",
            Ts = Start,
            Exchange = "demo",
            Symbol = "DMG-BTC",
            Side = "buy",
            Usd = 1000,
            AccountId = "V1",
            ApiKeyId = "K1",
            Channel = "api",
            Counterparty = new Counterparty { AccountId = "B1", Channel = "api" },
            Market = new MarketContext { PremiumSellers5m = 12, PremiumPayers5m = 14 },
        },
        Score = 0.2,
        AdversePremium = 1.5,
        ModelVersion = "m1",
        NewSourceForKey = true,
        LostInCrowd = true,
    };

    private static string[] Json(List<FreezeRecommendation> alerts) => [.. alerts.OrderBy(a => a.AlertId).Select(a => JsonSerializer.Serialize(a))];
}
