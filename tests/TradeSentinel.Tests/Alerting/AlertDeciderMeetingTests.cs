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
        var lossFirst = await DecideApartAsync(CrowdLoss(), OnlyWinner(CrowdLoss()));
        var winnerFirst = await DecideApartAsync(OnlyWinner(CrowdLoss()), CrowdLoss());

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
        var seller = OnlyWinner(CrowdLoss());
        seller.OnlyWinsOffMarket = false; // a market maker or an ordinary newcomer selling into the pump
        var (first, second) = await DecideApartAsync(CrowdLoss(), seller);
        Assert.Empty(first);
        Assert.Empty(second);
    }

    // Each fill in a batch of its own, against a redis-server of the pair's own.
    private static async Task<(List<FreezeRecommendation> First, List<FreezeRecommendation> Second)> DecideApartAsync(ScoredFill first, ScoredFill second)
    {
        using var redis = new LocalRedis();
        var decider = new AlertDecider(new CorrelationStore(redis.Connector), new AlertingOptions());
        return (await decider.DecideAsync([first], _ => false), await decider.DecideAsync([second], _ => false));
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

    private static ScoredFill OnlyWinner(ScoredFill loss) => new()
    {
        Fill = new Fill
        {
            TradeId = loss.Fill.TradeId,
            Ts = loss.Fill.Ts,
            Exchange = loss.Fill.Exchange,
            Symbol = loss.Fill.Symbol,
            Side = "sell",
            Usd = loss.Fill.Usd,
            AccountId = loss.Fill.Counterparty.AccountId,
            Channel = "api",
            Counterparty = new Counterparty { AccountId = loss.Fill.AccountId, ApiKeyId = loss.Fill.ApiKeyId, Channel = "api" },
        },
        Score = 0.1,
        ModelVersion = "m1",
        OnlyWinsOffMarket = true,
    };

    private static string[] Json(List<FreezeRecommendation> alerts) => [.. alerts.OrderBy(a => a.AlertId).Select(a => JsonSerializer.Serialize(a))];
}
