using System.Text.Json;
using Confluent.Kafka;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.EventTime;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Core.Validation;
using TradeSentinel.Infrastructure.Streaming;

namespace TradeSentinel.Market;

/// <summary>
/// Reads trades keyed by symbol (so it sees each symbol's whole tape), attaches market context,
/// and re-keys the two fills of each trade by account for the scorer.
/// </summary>
public sealed class MarketStage(StageContext context)
    : StreamStage<TradeEvent>("market", context, context.Topics.Trades, context.Topics.Fills)
{
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
        foreach (var trade in batch)
        {
            if (trade.QuoteUsd is null) Context.Metrics.UnpricedTrades.Add(1);
            var (buyer, seller) = FillSplitter.Split(trade, _market.Observe(trade));
            Produce(fills, buyer);
            Produce(fills, seller);
        }
        Context.Metrics.FillsProduced.Add(2L * batch.Count);
    }

    private void Produce(string topic, Fill fill) =>
        Producer.ProduceOrWait(topic, new Message<string?, byte[]>
        {
            Key = fill.AccountId,
            Value = JsonSerializer.SerializeToUtf8Bytes(fill, SentinelJson.Default.Fill),
        }, Deliveries);
}
