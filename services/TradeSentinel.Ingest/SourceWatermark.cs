using System.Diagnostics;
using Confluent.Kafka;
using TradeSentinel.Core.EventTime;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Streaming;

namespace TradeSentinel.Ingest;

/// <summary>
/// An ingest worker's promise to the stages: how far its feed has got in event time less the allowed
/// lateness, put on every partition of the trades topic. Event time is read so that records out of
/// time cannot move it (see <see cref="FeedClock"/>): 16 tolerated at once, and a jump of
/// more than <see cref="IngestOptions.MaxUnconfirmedJumpMs"/> needs 256 records to confirm it, so even
/// a burst of glitched records costs at most that much of valid trades. A feed read from several
/// partitions of a venue's topic keeps one clock per partition (a lane) and promises only what the
/// slowest lane still reading has reached: partitions are read at different speeds, and a promise
/// past a partition that is behind would refuse its trades as late. A lane that has caught up with
/// its partition holds nothing back (its next trade is new). On a live feed that falls
/// quiet (the worker waiting for input) the promise moves on by the wall-clock time that passed
/// (<see cref="IngestOptions.IdleAfterMs"/>): without that, the last trades before a lull would wait
/// for the next one. Partitions added to the topic are picked up. Thread-safe: the idle check runs on
/// a timer while the feed blocks.
/// </summary>
public sealed class SourceWatermark : IDisposable
{
    private static readonly TimeSpan RecountEvery = TimeSpan.FromSeconds(30);

    private readonly IngestOptions _options;
    private readonly StageContext _context;
    private readonly IProducer<string?, byte[]> _producer;
    private readonly DeliveryWatch _deliveries;
    private readonly IIngestObserver _observer;
    private readonly Dictionary<int, Lane> _lanes = [];
    private readonly Stopwatch _waitingForInput = new();
    private readonly Stopwatch _sinceRecount = Stopwatch.StartNew();
    private readonly Timer? _idle;
    private readonly Lock _lock = new();
    private int _partitions;
    private int _sinceBroadcast;

    public SourceWatermark(IngestOptions options, StageContext context, IProducer<string?, byte[]> producer, DeliveryWatch deliveries,
        IIngestObserver? observer = null)
    {
        _observer = observer ?? NoIngestObserver.Instance;
        _options = options;
        _context = context;
        _producer = producer;
        _deliveries = deliveries;
        _partitions = TopicProvisioner.PartitionCount(context.Kafka, context.Topics.Trades);
        if (options.IdleAfterMs > 0)
            _idle = new Timer(_ => AdvanceIfIdle(), null, options.IdleAfterMs, Math.Max(10, options.WatermarkIntervalMs));
    }

    /// <summary>The promise made so far: a record older than this is late.</summary>
    public long Value { get; private set; } = long.MinValue;

    /// <summary>The worker is about to wait for its input: from now on the feed may be idle.</summary>
    public void WaitingForInput()
    {
        lock (_lock) _waitingForInput.Restart();
    }

    /// <summary>
    /// The worker has a record in hand: no idle promise moves time until it is handled. Holding the
    /// lock meanwhile, a promise made by the idle timer cannot slip between the late check and the produce.
    /// </summary>
    public void GotInput()
    {
        lock (_lock) _waitingForInput.Reset();
    }

    /// <summary>A record was produced from <paramref name="lane"/> (a partition; 0 for a file): event time may have advanced.</summary>
    public void Observe(long ts, int lane = 0)
    {
        lock (_lock)
        {
            var reading = LaneOf(lane);
            reading.CaughtUp = false;
            reading.Clock.Observe(ts);
            ++_sinceBroadcast;
            PromiseIfDue();
        }
    }

    /// <summary>A partition now read from: until it has shown how far it is, it holds the promise back.</summary>
    public void Assigned(int lane)
    {
        lock (_lock) LaneOf(lane);
    }

    /// <summary>A partition no longer read from (another ingest instance has it now).</summary>
    public void Revoked(int lane)
    {
        lock (_lock)
        {
            _lanes.Remove(lane);
            PromiseIfDue();
        }
    }

    /// <summary>
    /// A record was read from the lane (produced or refused): it is reading again. A refused record
    /// moves no clock, but the lane is no longer known to be caught up.
    /// </summary>
    public void Reading(int lane)
    {
        lock (_lock) LaneOf(lane).CaughtUp = false;
    }

    /// <summary>The lane has read everything its partition holds so far: it no longer holds the promise back.</summary>
    public void CaughtUp(int lane)
    {
        lock (_lock)
        {
            LaneOf(lane).CaughtUp = true;
            PromiseIfDue();
        }
    }

    private Lane LaneOf(int lane)
    {
        if (!_lanes.TryGetValue(lane, out var found)) _lanes[lane] = found = new Lane(new FeedClock(_options));
        return found;
    }

    private void PromiseIfDue()
    {
        var now = EventTime();
        if (now == long.MinValue) return;
        var advanced = Value == long.MinValue || now - _options.AllowedLatenessMs - Value >= _options.WatermarkIntervalMs;
        if (_sinceBroadcast >= _options.WatermarkEvery || advanced) Promise(now - _options.AllowedLatenessMs);
    }

    /// <summary>
    /// The slowest lane still reading; when every lane has caught up, the furthest one (nothing read
    /// is behind it). <see cref="long.MinValue"/> while a lane still reading cannot say yet.
    /// </summary>
    private long EventTime()
    {
        long slowest = long.MaxValue, furthest = long.MinValue;
        foreach (var lane in _lanes.Values)
        {
            var now = lane.Clock.Now;
            furthest = Math.Max(furthest, now);
            if (!lane.CaughtUp) slowest = Math.Min(slowest, now);
        }
        return slowest == long.MaxValue ? furthest : slowest;
    }

    /// <summary>The feed is over (a file): everything may be released.</summary>
    public void End()
    {
        StopIdleTimer();
        lock (_lock) Promise(Watermark.EndOfStream);
    }

    // Waits for a tick under way, so that none runs once the worker goes on to flush and dispose.
    private void StopIdleTimer()
    {
        if (_idle is null) return;
        using var stopped = new ManualResetEvent(false);
        if (_idle.Dispose(stopped)) stopped.WaitOne();
    }

    private void AdvanceIfIdle()
    {
        // A tick that finds the lock taken (the feed is busy, or a promise is being produced) has nothing to do.
        if (!_lock.TryEnter()) return;
        try
        {
            var idleMs = _waitingForInput.ElapsedMilliseconds;
            var now = EventTime();
            if (now == long.MinValue || Value == Watermark.EndOfStream || !_waitingForInput.IsRunning || idleMs < _options.IdleAfterMs) return;
            var promise = now + idleMs - _options.AllowedLatenessMs;
            if (promise - Value >= _options.WatermarkIntervalMs) Promise(promise);
        }
        catch (Exception e) when (e is KafkaException or ObjectDisposedException)
        {
            // A refused record, an unreachable broker, a worker shutting down: the feed's own path meets it; a tick must not crash the process.
        }
        finally
        {
            _lock.Exit();
        }
    }

    private void Promise(long value)
    {
        _deliveries.ThrowIfRefused(); // a refused trade stops the feed here rather than at its end
        if (_sinceRecount.Elapsed >= RecountEvery)
        {
            _sinceRecount.Restart();
            try
            {
                _partitions = TopicProvisioner.PartitionCount(_context.Kafka, _context.Topics.Trades);
            }
            catch (KafkaException)
            {
                // The broker cannot answer now: the partitions stay as counted; the next recount picks up new ones.
            }
        }
        Value = Math.Max(Value, value);
        WatermarkRecords.Broadcast(_producer, _deliveries, _context.Topics.Trades, _partitions, [_options.SourceId], _options.Sources, Value);
        _observer.WatermarkSent(Value);
        _sinceBroadcast = 0;
    }

    public void Dispose() => StopIdleTimer();

    private sealed class Lane(FeedClock clock)
    {
        public FeedClock Clock { get; } = clock;
        public bool CaughtUp { get; set; }
    }
}
