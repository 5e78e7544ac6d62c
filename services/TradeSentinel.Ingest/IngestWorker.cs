using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradeSentinel.Core.Validation;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Streaming;
using TradeSentinel.Ingest.Mapping;
using TradeSentinel.Ingest.Topic;

namespace TradeSentinel.Ingest;

/// <summary>
/// Reads trades from a JSON Lines stream or from a venue's Kafka topic, and puts the valid ones on the
/// trades topic keyed by symbol, with in-band watermarks (see <see cref="TradeAdmission"/>);
/// everything refused goes to the dead-letter topic.
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
    private TradeAdmission? _admission;

    /// <summary>Valid trades produced by the last run.</summary>
    public long Produced => _admission?.Produced ?? 0;

    /// <summary>Records refused by the last run.</summary>
    public long Refused => _admission?.Refused ?? 0;

    /// <summary>Ingests what the configuration names: the venue topic <see cref="IngestOptions.FromTopic"/> when set, else <see cref="IngestOptions.Input"/>.</summary>
    public void RunConfigured(CancellationToken cancel)
    {
        if (_options.FromTopic is { } topic)
        {
            RunFromTopic(topic, cancel);
            return;
        }
        using var stream = InputFiles.Open(_options.Input);
        Run(stream, _options.Input, cancel);
    }

    public void Run(Stream input, string sourceName, CancellationToken cancel)
    {
        context.Metrics.AllowedLateness = TimeSpan.FromMilliseconds(_options.AllowedLatenessMs);
        var deliveries = new DeliveryWatch(context.Metrics, Stage);
        var reader = new JsonLinesReader(input, _options.MaxRecordBytes);
        using var watermark = new SourceWatermark(_options, context, _producer, deliveries, _observer);
        var admission = _admission = new TradeAdmission(_options, context, _producer, deliveries, watermark, new TradeParser(_options.MaxRecordBytes).TryParse, _observer);

        while (ReadNext(reader, watermark, out var line, out var fullLength))
        {
            cancel.ThrowIfCancellationRequested();
            admission.Offer(line.Span, fullLength, RecordOrigin.Line(sourceName, reader.LineNumber), lane: 0, cancel);
        }
        watermark.End();
        _producer.Flush(Timeout.InfiniteTimeSpan);
        deliveries.ThrowIfRefused();
        _logger.LogInformation("Ingested {Produced} trades from {Source}, refused {Refused}", Produced, sourceName, Refused);
    }

    /// <summary>
    /// Consumes <paramref name="topic"/> in the consumer group <c>{GroupPrefix}.ingest.{topic}</c>,
    /// records in the venue's format when <see cref="IngestOptions.Mapping"/> names a mapping file,
    /// until cancelled (or, with <see cref="IngestOptions.StopAtTopicEnd"/>, until every partition was read to its end).
    /// </summary>
    public void RunFromTopic(string topic, CancellationToken cancel)
    {
        TradeDecoder decode = _options.Mapping is { } path
            ? new VenueRecordMapper(VenueMapping.Load(path), _options.MaxRecordBytes).TryMap
            : new TradeParser(_options.MaxRecordBytes).TryParse;
        context.Metrics.AllowedLateness = TimeSpan.FromMilliseconds(_options.AllowedLatenessMs);
        var deliveries = new DeliveryWatch(context.Metrics, Stage);
        using var watermark = new SourceWatermark(_options, context, _producer, deliveries, _observer);
        var admission = _admission = new TradeAdmission(_options, context, _producer, deliveries, watermark, decode, _observer);
        new TopicFeed(topic, _options, context, _producer, deliveries, watermark, admission, _logger).Run(cancel);
        _logger.LogInformation("Ingested {Produced} trades from topic {Topic}, refused {Refused}", Produced, topic, Refused);
    }

    // The feed counts as idle only while the worker waits for it, never while it produces (a full queue, a broker outage).
    private static bool ReadNext(JsonLinesReader reader, SourceWatermark watermark, out ReadOnlyMemory<byte> line, out long fullLength)
    {
        watermark.WaitingForInput();
        var read = reader.TryRead(out line, out fullLength);
        watermark.GotInput();
        return read;
    }

    public void Dispose() => _producer.Dispose();
}
