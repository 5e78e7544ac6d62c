using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradeSentinel.Core;
using TradeSentinel.Core.EventTime;
using TradeSentinel.Core.Validation;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Streaming;

namespace TradeSentinel.Ingest;

/// <summary>
/// Reads TradeEvent v1 lines, validates them, and produces each valid trade to the trades topic
/// keyed by symbol, with in-band watermarks; everything refused goes to the dead-letter topic.
/// </summary>
/// <param name="observer">Told of each trade and watermark produced (a replay paces ingest by it); nobody by default.</param>
public sealed class IngestWorker(StageContext context, IOptions<IngestOptions> options, IIngestObserver? observer = null) : IDisposable
{
    private readonly IIngestObserver _observer = observer ?? NoIngestObserver.Instance;
    private const string Stage = "ingest";
    private readonly IngestOptions _options = options.Value;
    private readonly ILogger _logger = context.Loggers.CreateLogger<IngestWorker>();
    private readonly IProducer<string?, byte[]> _producer =
        new ProducerBuilder<string?, byte[]>(context.Kafka.Producer($"{context.Kafka.Options.GroupPrefix}.{Stage}")).Build();

    /// <summary>Valid trades produced by the last run.</summary>
    public long Produced { get; private set; }

    /// <summary>Records refused by the last run.</summary>
    public long Refused { get; private set; }

    public void Run(Stream input, string sourceName, CancellationToken cancel)
    {
        var topics = context.Topics;
        context.Metrics.AllowedLateness = TimeSpan.FromMilliseconds(_options.AllowedLatenessMs);
        var parser = new TradeParser(_options.MaxRecordBytes);
        var duplicates = new DuplicateFilter(_options.DuplicateWindow);
        var quotes = new QuoteUsdResolver();
        var deliveries = new DeliveryWatch(context.Metrics, Stage);
        var deadLetters = new DeadLetterWriter(_producer, deliveries, context, Stage);
        var reader = new JsonLinesReader(input, _options.MaxRecordBytes);
        using var watermark = new SourceWatermark(_options, context, _producer, deliveries, _observer);

        while (ReadNext(reader, watermark, out var line, out var fullLength))
        {
            cancel.ThrowIfCancellationRequested();
            var where = $"{sourceName}:{reader.LineNumber}";
            Rejection rejection;
            if (fullLength > _options.MaxRecordBytes)
                rejection = new(Rejection.TooLarge, $"record is {fullLength} bytes; the limit is {_options.MaxRecordBytes}");
            else if (parser.TryParse(line.Span, out var trade, out rejection))
            {
                if (!duplicates.TryAdd(TradeKey.Of(trade.Exchange!, trade.TradeId!)))
                    rejection = new(Rejection.DuplicateTrade, $"trade_id {trade.TradeId} of exchange {trade.Exchange} was already ingested");
                else if (AheadOfWallClock(trade.Ts!.Value) is { } aheadMs)
                    rejection = new(Rejection.TsOutlier,
                        $"ts {trade.Ts} is {aheadMs} ms ahead of this machine's clock (allowed {_options.MaxAheadOfWallClockMs} ms)");
                else if (trade.Ts!.Value < watermark.Value)
                    rejection = new(Rejection.LateEvent,
                        $"ts {trade.Ts} is {watermark.Value - trade.Ts} ms behind the watermark (allowed lateness {_options.AllowedLatenessMs} ms)");
                else
                {
                    _observer.BeforeProduce(cancel);
                    quotes.Resolve(trade);
                    _producer.ProduceOrWait(topics.Trades, new Message<string?, byte[]>
                    {
                        Key = trade.Symbol,
                        Value = JsonSerializer.SerializeToUtf8Bytes(trade, SentinelJson.Default.TradeEvent),
                    }, deliveries);
                    _observer.Produced(trade.Ts.Value);
                    context.Metrics.TradesIngested.Add(1);
                    Produced++;
                    watermark.Observe(trade.Ts.Value);
                    continue;
                }
            }
            Refused++;
            deadLetters.Write(rejection, where, line.Span);
        }
        watermark.End();
        _producer.Flush(Timeout.InfiniteTimeSpan);
        deliveries.ThrowIfRefused();
        _logger.LogInformation("Ingested {Produced} trades from {Source}, refused {Refused}", Produced, sourceName, Refused);
    }

    // The feed counts as idle only while the worker waits for it, never while it produces (a full queue, a broker outage).
    private static bool ReadNext(JsonLinesReader reader, SourceWatermark watermark, out ReadOnlyMemory<byte> line, out long fullLength)
    {
        watermark.WaitingForInput();
        var read = reader.TryRead(out line, out fullLength);
        watermark.GotInput();
        return read;
    }

    /// <summary>How far ts is ahead of the wall clock beyond the allowed skew, or null (always null when the check is off, as in replays).</summary>
    private long? AheadOfWallClock(long ts)
    {
        if (_options.MaxAheadOfWallClockMs <= 0) return null;
        var ahead = ts - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return ahead > _options.MaxAheadOfWallClockMs ? ahead : null;
    }

    public void Dispose() => _producer.Dispose();
}
