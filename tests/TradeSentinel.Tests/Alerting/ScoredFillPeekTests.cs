using System.Text;
using System.Text.Json;
using TradeSentinel.Core;
using TradeSentinel.Core.Pipeline;

namespace TradeSentinel.Tests.Alerting;

/// <summary>The alerter passes over a tagged fill undecoded only when the scorer's own record says there is nothing to correlate.</summary>
public class ScoredFillPeekTests
{
    private static byte[] Written(bool flagged, bool onlyWins, bool lost, bool lostInCrowd) => JsonSerializer.SerializeToUtf8Bytes(new ScoredFill
    {
        Fill = new Fill { TradeId = "T1", Ts = 1, AccountId = "A1", Side = "buy" },
        Score = 0.2,
        Flagged = flagged,
        OnlyWinsOffMarket = onlyWins,
        LostOffMarket = lost,
        LostInCrowd = lostInCrowd,
        ModelVersion = "m1",
    }, SentinelJson.Default.ScoredFill);

    [Theory]
    [InlineData(false, false, false, false, false)]
    [InlineData(true, false, false, false, true)]
    [InlineData(false, true, false, false, true)]
    [InlineData(true, true, false, false, true)]
    [InlineData(false, false, true, false, true)]
    [InlineData(false, false, false, true, true)]
    public void A_record_the_scorer_wrote_is_passed_over_only_when_neither_flagged_nor_an_only_winner_nor_an_off_market_loss(
        bool flagged, bool onlyWins, bool lost, bool lostInCrowd, bool needed) =>
        Assert.Equal(needed, ScoredFillPeek.MayNeedCorrelation(Written(flagged, onlyWins, lost, lostInCrowd)));

    [Fact]
    public void Whitespace_between_tokens_does_not_matter() =>
        Assert.False(ScoredFillPeek.MayNeedCorrelation(Encoding.UTF8.GetBytes(
            "{ \"flagged\" : false,\n \"only_wins_off_market\": false, \"lost_off_market\":false, \"lost_in_crowd\" :false, \"fill\": {} }")));

    [Theory]
    [InlineData("{\"fill\":{},\"flagged\":false,\"only_wins_off_market\":false}")] // another writer's order: decoded in full
    [InlineData("{\"flagged\":false,\"fill\":{},\"only_wins_off_market\":false}")]
    [InlineData("{\"flagged\":0,\"only_wins_off_market\":false}")]
    [InlineData("{\"flagged\":false,\"only_wins_off_market\":false}")] // a scorer that does not say whether it lost off-market
    [InlineData("{\"flagged\":false,\"only_wins_off_market\":false,\"lost_off_market\":false}")] // ...or whether it lost in a crowd
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[false,false]")]
    public void Anything_else_is_left_to_the_full_decoder(string record) =>
        Assert.True(ScoredFillPeek.MayNeedCorrelation(Encoding.UTF8.GetBytes(record)));
}
