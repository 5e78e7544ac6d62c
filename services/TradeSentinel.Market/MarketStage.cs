using System.Text.Json;
using Confluent.Kafka;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.EventTime;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Core.Validation;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Redis;
using TradeSentinel.Infrastructure.Streaming;

namespace TradeSentinel.Market;

/// <summary>
/// Reads trades keyed by symbol (so it sees each symbol's whole tape), attaches market context,
/// and re-keys the two fills of each trade by account for the scorer.
/// </summary>
public sealed class MarketStage(StageContext context, MarketTapeStore tapes)
    : StreamStage<TradeEvent>("market", context, context.Topics.Trades, context.Topics.Fills, new AtLeastOnceCommits(TapeSaveEvery))
{
    // Each checkpoint writes every tape that traded since: a few kilobytes per active symbol.
    private static readonly TimeSpan TapeSaveEvery = TimeSpan.FromSeconds(2);

    private readonly MarketState _market = new();

    // The trades topic carries records ingest already validated; re-checking costs little and
    // keeps a foreign producer on the topic from poisoning the state.
    private readonly TradeParser _parser = new();

    protected override bool TryDecode(byte[] value, out TradeEvent item, out EventKey key, out Rejection rejection)
    {
        key = default;
        if (!_parser.TryParse(value, out item, out rejection)) return false;
        key = new EventKey(item.Ts!.Value, item.TradeId!, true);
        return true;
    }

    protected override void Process(List<TradeEvent> batch)
    {
        var fills = Context.Topics.Fills;
        RestoreUnknownTapes(batch);
        var produced = 0;
        foreach (var trade in batch)
        {
            if (_market.Observe(trade, new EventKey(trade.Ts!.Value, trade.TradeId!, true)) is not { } market) continue;
            if (trade.QuoteUsd is null) Context.Metrics.UnpricedTrades.Add(1);
            var (buyer, seller) = FillSplitter.Split(trade, market);
            Produce(fills, buyer);
            Produce(fills, seller);
            produced += 2;
        }
        Context.Metrics.FillsProduced.Add(produced);
    }

    // After a restart or a rebalance: the symbols' tapes as last checkpointed.
    private void RestoreUnknownTapes(List<TradeEvent> batch)
    {
        var unknown = _market.Unknown(batch);
        if (unknown.Count == 0) return;
        Dictionary<string, SymbolTape> found = [];
        RedisRetry.UntilDone(async () => found = await tapes.LoadAsync(unknown), Context.Metrics, Logger, Stage, Stopping);
        foreach (var (symbol, tape) in found) _market.Restore(symbol, tape);
    }

    // Written while the next trades flow; the offsets move once it is done (see StreamStage).
    protected override Task OnCheckpoint()
    {
        var dirty = _market.TakeDirty();
        return dirty.Count == 0 ? Task.CompletedTask
            : Task.Run(() => RedisRetry.UntilDoneAsync(() => tapes.SaveAsync(dirty), Context.Metrics, Logger, Stage, Stopping));
    }

    private void Produce(string topic, Fill fill) =>
        Producer.ProduceOrWait(topic, new Message<string?, byte[]>
        {
            Key = fill.AccountId,
            Value = JsonSerializer.SerializeToUtf8Bytes(fill, SentinelJson.Default.Fill),
        }, Deliveries);
}
