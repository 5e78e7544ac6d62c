using System.Diagnostics;
using Confluent.Kafka;
using TradeSentinel.Core.EventTime;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Streaming;

namespace TradeSentinel.Ingest;

/// <summary>
/// An ingest worker's promise to the stages: how far its feed has got in event time (read so that a
/// few records out of time cannot move it, see <see cref="OutlierResistantClock"/>) less the allowed
/// lateness, put on every partition of the trades topic. On a live feed that falls quiet it moves
/// on by the wall-clock time that passed since the last record (<see cref="IngestOptions.IdleAfterMs"/>):
/// without that, the last trades before a lull would wait for the next one. Partitions added to the
/// topic are picked up. Thread-safe: the idle check runs on a timer while the feed blocks.
/// </summary>
public sealed class SourceWatermark : IDisposable
{
    private static readonly TimeSpan RecountEvery = TimeSpan.FromSeconds(30);

    private readonly IngestOptions _options;
    private readonly StageContext _context;
    private readonly IProducer<string?, byte[]> _producer;
    private readonly DeliveryWatch _deliveries;
    private readonly OutlierResistantClock _clock;
    private readonly Stopwatch _sinceRecord = Stopwatch.StartNew();
    private readonly Stopwatch _sinceRecount = Stopwatch.StartNew();
    private readonly Timer? _idle;
    private readonly Lock _lock = new();
    private int _partitions;
    private int _sinceBroadcast;

    public SourceWatermark(IngestOptions options, StageContext context, IProducer<string?, byte[]> producer, DeliveryWatch deliveries)
    {
        _options = options;
        _context = context;
        _producer = producer;
        _deliveries = deliveries;
        _clock = new OutlierResistantClock(options.TimeOutliersTolerated, options.ForgetOutlierAfterRecords);
        _partitions = TopicProvisioner.PartitionCount(context.Kafka, context.Topics.Trades);
        if (options.IdleAfterMs > 0)
            _idle = new Timer(_ => AdvanceIfIdle(), null, options.IdleAfterMs, Math.Max(10, options.WatermarkIntervalMs));
    }

    /// <summary>The promise made so far: a record older than this is late.</summary>
    public long Value { get; private set; } = long.MinValue;

    /// <summary>A record was produced: event time may have advanced.</summary>
    public void Observe(long ts)
    {
        lock (_lock)
        {
            _sinceRecord.Restart();
            _clock.Observe(ts);
            if (_clock.Now == long.MinValue) return;
            var advanced = Value == long.MinValue || _clock.Now - _options.AllowedLatenessMs - Value >= _options.WatermarkIntervalMs;
            if (++_sinceBroadcast >= _options.WatermarkEvery || advanced) Promise(_clock.Now - _options.AllowedLatenessMs);
        }
    }

    /// <summary>The feed is over (a file): everything may be released.</summary>
    public void End()
    {
        _idle?.Dispose();
        lock (_lock) Promise(Watermark.EndOfStream);
    }

    private void AdvanceIfIdle()
    {
        lock (_lock)
        {
            if (_clock.Now == long.MinValue || Value == Watermark.EndOfStream || _sinceRecord.ElapsedMilliseconds < _options.IdleAfterMs) return;
            var promise = _clock.Now + _sinceRecord.ElapsedMilliseconds - _options.AllowedLatenessMs;
            if (promise - Value < _options.WatermarkIntervalMs) return;
            try
            {
                Promise(promise);
            }
            catch (KafkaException)
            {
                // A refused record or an unreachable broker: the feed's own path meets it and stops; a tick must not crash the process.
            }
        }
    }

    private void Promise(long value)
    {
        _deliveries.ThrowIfRefused(); // a refused trade stops the feed here rather than at its end
        if (_sinceRecount.Elapsed >= RecountEvery)
        {
            _partitions = TopicProvisioner.PartitionCount(_context.Kafka, _context.Topics.Trades);
            _sinceRecount.Restart();
        }
        Value = Math.Max(Value, value);
        WatermarkRecords.Broadcast(_producer, _deliveries, _context.Topics.Trades, _partitions, [_options.SourceId], _options.Sources, Value);
        _context.Limiter?.Watermark(Value);
        _sinceBroadcast = 0;
    }

    public void Dispose() => _idle?.Dispose();
}
