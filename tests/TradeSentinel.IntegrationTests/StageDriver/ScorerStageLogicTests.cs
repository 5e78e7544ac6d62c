using System.Text;
using System.Text.Json;
using TradeSentinel.Core;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.StageDriver;

/// <summary>The scorer's and alerter's logic, driven without a broker behind the market stage's driver.</summary>
public sealed class ScorerStageLogicTests : IDisposable
{
    private const long T0 = 1_672_207_200_000;
    private readonly StageChain _chain = new(TrainedModel.Shared.Path);

    [Fact]
    public void Every_fill_is_scored_once_keyed_by_its_account_in_event_time_order_with_the_models_version()
    {
        _chain.Market.Pipe(Encoding.UTF8.GetBytes(Trades.Line(Trades.Valid("T2", T0 + 20, buyer: "A0043"))));
        _chain.Market.Pipe(Encoding.UTF8.GetBytes(Trades.Line(Trades.Valid("T1", T0 + 10))));
        _chain.Market.PipeEndOfStream();
        _chain.Market.Advance();
        foreach (var record in _chain.Market.TakeOutput(_chain.Market.Topics.Fills)) _chain.Scorer.Pipe(record);
        Assert.True(_chain.Scorer.Advance());

        var scored = _chain.Scorer.Records(_chain.Scorer.Topics.Scored);
        Assert.Equal(["A0042", "A9001", "A0043", "A9001"], scored.Select(m => m.Key));
        var read = scored.Select(m => JsonSerializer.Deserialize(m.Value, SentinelJson.Default.ScoredFill)!).ToList();
        Assert.Equal(["T1", "T1", "T2", "T2"], read.Select(s => s.Fill.TradeId));
        Assert.All(read, s => Assert.StartsWith("fasttree-", s.ModelVersion));
        Assert.All(read, s => Assert.InRange(s.Score, 0, 1));
    }

    [Fact]
    public void Ordinary_trades_reach_the_alerter_and_raise_no_recommendation()
    {
        for (var i = 0; i < 20; i++)
            _chain.Market.Pipe(Encoding.UTF8.GetBytes(Trades.Line(Trades.Valid($"T{i}", T0 + i * 1000, price: 0.0415, qty: 100))));
        _chain.Market.PipeEndOfStream();
        _chain.Market.Advance();
        foreach (var record in _chain.Market.TakeOutput(_chain.Market.Topics.Fills)) _chain.Scorer.Pipe(record);
        _chain.Scorer.Advance();
        foreach (var record in _chain.Scorer.TakeOutput(_chain.Scorer.Topics.Scored)) _chain.Alerter.Pipe(record);

        Assert.True(_chain.Alerter.Advance()); // the end of the stream passed through all three stages
        Assert.Empty(_chain.Alerter.Records(_chain.Alerter.Topics.Alerts));
    }

    public void Dispose() => _chain.Dispose();
}
