using System.Text;
using System.Text.Json;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.EventTime;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Core.Validation;
using TradeSentinel.Market;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.StageDriver;

/// <summary>The market stage's logic, driven without a broker (its tapes still checkpoint to a real redis-server).</summary>
public sealed class MarketStageLogicTests : IDisposable
{
    private const long T0 = 1_672_207_200_000;
    private readonly LocalRedis _redis = new();
    private readonly StageTestDriver<TradeEvent> _driver;

    public MarketStageLogicTests() => _driver = new(c => new MarketStage(c, new MarketTapeStore(_redis.Connector)), inputPartitions: 2);

    private void PipeTrade(string id, long ts, int partition, string buyer = "A0042", string seller = "A9001") =>
        _driver.Pipe(Encoding.UTF8.GetBytes(Trades.Line(Trades.Valid(id, ts, buyer: buyer, seller: seller))), partition, key: "DMG-USDT");

    private List<Fill> Fills() =>
        _driver.Records(_driver.Topics.Fills).Select(m => JsonSerializer.Deserialize(m.Value, SentinelJson.Default.Fill)!).ToList();

    [Fact]
    public void A_trade_becomes_its_buyers_and_sellers_fill_keyed_by_account_once_the_watermark_passes_it()
    {
        PipeTrade("T1", T0, partition: 0);
        _driver.Advance();
        Assert.Empty(Fills()); // partition 1 has promised nothing yet: an older trade may still come there

        _driver.PipeWatermark(T0 + 1, partition: 0);
        _driver.PipeWatermark(T0 + 1, partition: 1);
        _driver.Advance();

        var fills = _driver.Records(_driver.Topics.Fills);
        Assert.Equal(["A0042", "A9001"], fills.Select(m => m.Key));
        var (buy, sell) = (Fills()[0], Fills()[1]);
        Assert.Equal(("T1", "buy", "A9001"), (buy.TradeId, buy.Side, buy.Counterparty.AccountId));
        Assert.Equal(("T1", "sell", "A0042"), (sell.TradeId, sell.Side, sell.Counterparty.AccountId));
        // The promise goes on downstream, so the scorer can release these fills too.
        var forwarded = _driver.Output(_driver.Topics.Fills).Where(m => m.Headers?.TryGetLastBytes(Watermark.Header, out _) == true)
            .Select(m => JsonSerializer.Deserialize(m.Value, SentinelJson.Default.Watermark)!.Value);
        Assert.Contains(T0 + 1, forwarded);
    }

    [Fact]
    public void Trades_read_out_of_order_from_two_partitions_come_out_in_event_time_order()
    {
        PipeTrade("T3", T0 + 30, partition: 0);
        PipeTrade("T2", T0 + 20, partition: 1, buyer: "A0043");
        PipeTrade("T1", T0 + 10, partition: 1, buyer: "A0044");
        _driver.PipeWatermark(T0 + 25, partition: 0);
        _driver.PipeWatermark(T0 + 25, partition: 1);
        _driver.Advance();
        Assert.Equal(["T1", "T1", "T2", "T2"], Fills().Select(f => f.TradeId));

        _driver.PipeEndOfStream();
        Assert.True(_driver.Advance());
        Assert.Equal(["T1", "T1", "T2", "T2", "T3", "T3"], Fills().Select(f => f.TradeId));
    }

    [Fact]
    public void A_record_that_is_no_trade_is_dead_lettered_with_its_source_and_the_stream_goes_on()
    {
        _driver.Pipe("{\"trade_id\":"u8.ToArray(), partition: 1);
        PipeTrade("T1", T0, partition: 1);
        _driver.PipeEndOfStream();
        _driver.Advance();

        var letter = Assert.Single(_driver.Records(_driver.Topics.DeadLetters));
        var read = JsonSerializer.Deserialize(letter.Value, SentinelJson.Default.DeadLetter)!;
        Assert.Equal((Rejection.InvalidJson, $"{_driver.Topics.Trades}/1@0"), (read.Reason, read.Source));
        Assert.Equal(["T1", "T1"], Fills().Select(f => f.TradeId));
    }

    public void Dispose()
    {
        _driver.Dispose();
        _redis.Dispose();
    }
}
