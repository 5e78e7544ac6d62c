using System.Text.Json;
using Confluent.Kafka;
using TradeSentinel.Core;
using TradeSentinel.Core.Validation;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Streaming;

namespace TradeSentinel.Ingest;

/// <summary>
/// What ingest does with each record, wherever it comes from (a file, a venue's topic): decode and
/// validate it, refuse duplicates, records from the future and late records, produce the rest to the
/// trades topic keyed by symbol, and dead-letter everything refused with where it came from.
/// </summary>
public sealed class TradeAdmission(IngestOptions options, StageContext context, IProducer<string?, byte[]> producer,
    DeliveryWatch deliveries, SourceWatermark watermark, TradeDecoder decode, IIngestObserver? observer = null)
{
    private readonly IIngestObserver _observer = observer ?? NoIngestObserver.Instance;
    private const string Stage = "ingest";
    private readonly DuplicateFilter _duplicates = new(options.DuplicateWindow);
    private readonly QuoteUsdResolver _quotes = new();
    private readonly DeadLetterWriter _deadLetters = new(producer, deliveries, context, Stage);

    public long Produced { get; private set; }
    public long Refused { get; private set; }

    /// <param name="fullLength">The record's length when it was cut before reaching here (an oversized line), else its length.</param>
    /// <param name="lane">The partition it was read from (0 for a file): its event time is kept apart.</param>
    public void Offer(ReadOnlySpan<byte> record, long fullLength, RecordOrigin where, int lane, CancellationToken cancel)
    {
        Rejection rejection;
        if (fullLength > options.MaxRecordBytes)
            rejection = new(Rejection.TooLarge, $"record is {fullLength} bytes; the limit is {options.MaxRecordBytes}");
        else if (decode(record, out var trade, out rejection))
        {
            if (!_duplicates.TryAdd(TradeKey.Of(trade.Exchange!, trade.TradeId!)))
                rejection = new(Rejection.DuplicateTrade, $"trade_id {trade.TradeId} of exchange {trade.Exchange} was already ingested");
            else if (AheadOfWallClock(trade.Ts!.Value) is { } aheadMs)
                rejection = new(Rejection.TsOutlier,
                    $"ts {trade.Ts} is {aheadMs} ms ahead of this machine's clock (allowed {options.MaxAheadOfWallClockMs} ms)");
            else if (trade.Ts!.Value < watermark.Value)
                rejection = new(Rejection.LateEvent,
                    $"ts {trade.Ts} is {watermark.Value - trade.Ts} ms behind the watermark (allowed lateness {options.AllowedLatenessMs} ms)");
            else
            {
                _observer.BeforeProduce(cancel);
                _quotes.Resolve(trade);
                producer.ProduceOrWait(context.Topics.Trades, new Message<string?, byte[]>
                {
                    Key = trade.Symbol,
                    Value = JsonSerializer.SerializeToUtf8Bytes(trade, SentinelJson.Default.TradeEvent),
                }, deliveries);
                _observer.Produced(trade.Ts.Value);
                context.Metrics.TradesIngested.Add(1);
                Produced++;
                watermark.Observe(trade.Ts.Value, lane);
                return;
            }
        }
        Refused++;
        watermark.Reading(lane);
        _deadLetters.Write(rejection, where.ToString(), record);
    }

    /// <summary>How far ts is ahead of the wall clock beyond the allowed skew, or null (always null when the check is off, as in replays).</summary>
    private long? AheadOfWallClock(long ts)
    {
        if (options.MaxAheadOfWallClockMs <= 0) return null;
        var ahead = ts - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return ahead > options.MaxAheadOfWallClockMs ? ahead : null;
    }
}
