using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace TradeSentinel.Infrastructure.Telemetry;

/// <summary>
/// Every instrument of every stage, created once. Labels are low-cardinality (stage, reason,
/// action, severity, hook, topic, partition): never an account, key or trade id. Instrument names
/// and units follow OpenTelemetry; the Prometheus exporter adds the unit suffix and <c>_total</c>.
/// </summary>
public sealed class SentinelMetrics : IDisposable
{
    public const string MeterName = "TradeSentinel";

    /// <summary>
    /// Event-to-tag and event-to-alert buckets: fine below a second (the target for an in-order feed)
    /// and around the default allowed lateness of 2 s, which every trade waits for.
    /// </summary>
    private static readonly double[] LatencyBuckets =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.1, 2.25, 2.5, 3, 4, 5, 10, 30, 60, 300, 3600];

    private static readonly double[] RoundTripBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];

    private readonly Meter _meter;
    private readonly ConcurrentDictionary<(string Stage, string Topic, int Partition), long> _lag = new();
    private readonly ConcurrentDictionary<(string Stage, string Topic), bool> _inputs = new();
    private readonly ConcurrentDictionary<string, long> _watermarks = new();
    private readonly long _startTimeSeconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private volatile ModelInfo? _model;
    private string _stages = "";
    private double _allowedLatenessSeconds = double.NaN;

    public Counter<long> TradesIngested { get; }
    public Counter<long> DeadLetters { get; }
    public Counter<long> FillsProduced { get; }
    public Counter<long> FillsScored { get; }
    public Counter<long> Alerts { get; }
    public Counter<long> AlertsSuppressed { get; }
    public Counter<long> AlertReasons { get; }
    public Histogram<double> Scores { get; }
    public Histogram<double> EventToTag { get; }
    public Histogram<double> EventToAlert { get; }
    public Counter<long> RedisErrors { get; }
    public Counter<long> ProduceErrors { get; }
    public Counter<long> RecordsSkipped { get; }
    public Counter<long> Rewinds { get; }
    public Histogram<double> RedisDuration { get; }
    public Counter<long> UnpricedTrades { get; }
    public Counter<long> HookDeliveries { get; }
    public Histogram<double> HookDuration { get; }

    /// <summary>
    /// Stages this process hosts (e.g. <c>market,scorer,alerter</c>): labels the start-time gauge, and
    /// creates at zero every labelled counter series those stages can move.
    /// </summary>
    public string Stages
    {
        get => _stages;
        set
        {
            _stages = value;
            foreach (var stage in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) ZeroSeries.Create(this, stage);
        }
    }

    /// <summary>The ingest's allowed lateness: every trade waits for it, so alert latency is judged against it.</summary>
    public TimeSpan AllowedLateness
    {
        set => Volatile.Write(ref _allowedLatenessSeconds, value.TotalSeconds);
    }

    /// <summary>Accounts whose scorer state is in memory, and an estimate of its encoded size.</summary>
    public long ScorerAccounts { get; set; }
    public long ScorerStateBytes { get; set; }

    /// <param name="meters">The host's meter factory, whose meters its exporter serves (<see cref="HostMeters"/>); none outside a host.</param>
    /// <param name="exporter">
    /// The process's metrics pipeline, when it has one: taking it builds it before any instrument
    /// exists, so the series created at zero when the stages are named are exported, not dropped
    /// for want of a listener.
    /// </param>
    public SentinelMetrics(IMeterFactory? meters = null, MeterProvider? exporter = null)
    {
        GC.KeepAlive(exporter);
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        TradesIngested = _meter.CreateCounter<long>("sentinel.trades.ingested", "{trade}", "Valid trades produced to the trades topic");
        DeadLetters = _meter.CreateCounter<long>("sentinel.dead_letters", "{record}", "Records refused, by stage and reason");
        FillsProduced = _meter.CreateCounter<long>("sentinel.fills.produced", "{fill}", "Fills with market context produced by the market stage");
        FillsScored = _meter.CreateCounter<long>("sentinel.fills.scored", "{fill}", "Fills scored, by whether they were flagged");
        Alerts = _meter.CreateCounter<long>("sentinel.alerts", "{alert}", "Freeze recommendations produced, by action and severity");
        AlertsSuppressed = _meter.CreateCounter<long>("sentinel.alerts.suppressed", "{alert}", "Recommendations withheld because analysts dismissed their subject, by action");
        AlertReasons = _meter.CreateCounter<long>("sentinel.alert.reasons", "{reason}",
            "Reasons given in freeze recommendations, by reason code (a fixed vocabulary)");
        Scores = _meter.CreateHistogram<double>("sentinel.fill.score", null, "Calibrated anomaly score of scored fills",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 0.9, 0.99, 0.999, 0.9999] });
        EventToTag = _meter.CreateHistogram<double>("sentinel.event_to_tag.duration", "s",
            "Wall-clock time from a trade's event time to its fill leaving the scorer (includes the event-time reordering wait)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        EventToAlert = _meter.CreateHistogram<double>("sentinel.event_to_alert.duration", "s",
            "Wall-clock time from the event time of the trade that triggered a recommendation to its commit on the alert topic (visible to read_committed readers)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        RedisErrors = _meter.CreateCounter<long>("sentinel.redis.errors", "{error}", "Redis calls that failed and were retried, by cause");
        ProduceErrors = _meter.CreateCounter<long>("sentinel.produce.errors", "{record}",
            "Records the broker refused for good, by stage and error code: the stage stops before its offsets move");
        RecordsSkipped = _meter.CreateCounter<long>("sentinel.records.skipped", "{record}",
            "Records deleted from an input topic (retention) before the stage read them: lost to detection, by stage and topic");
        Rewinds = _meter.CreateCounter<long>("sentinel.stage.rewinds", "{rewind}",
            "Open transactions a stage discarded (the broker aborted them, or they held outputs of partitions the stage lost), its input then read again from the committed offsets, by stage");
        RedisDuration = _meter.CreateHistogram<double>("sentinel.redis.duration", "s",
            "Round trip of one pipelined batch of Redis calls, by stage",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RoundTripBuckets });
        UnpricedTrades = _meter.CreateCounter<long>("sentinel.trades.unpriced", "{trade}",
            "Trades whose quote asset has no USD value yet (no QUOTE-USDT trade seen): scored, never flagged");
        HookDeliveries = _meter.CreateCounter<long>("sentinel.hook.deliveries", "{delivery}",
            "Freeze-hook delivery attempts by hook and outcome (delivered, retried, dead_lettered)");
        HookDuration = _meter.CreateHistogram<double>("sentinel.hook.duration", "s", "One freeze-hook HTTP request, by hook",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RoundTripBuckets });

        _meter.CreateObservableGauge("sentinel.consumer.lag", ObserveLag, "{record}",
            "Records in a partition not yet consumed by a stage (high watermark minus position)");
        _meter.CreateObservableGauge("sentinel.stage.event_time_lag", ObserveEventTimeLag, "s",
            "Wall clock minus the stage's watermark: how far behind real time the stage's event time is (grows while the stage or its feed stands still)");
        _meter.CreateObservableGauge("sentinel.ingest.allowed_lateness", ObserveAllowedLateness, "s",
            "How long ingest lets a trade arrive out of order: every trade waits this long before it is released downstream");
        _meter.CreateObservableGauge("sentinel.model.info", ObserveModel, null, "The scoring model loaded (value 1), by version");
        _meter.CreateObservableGauge("sentinel.scorer.accounts", () => ScorerAccounts, "{account}", "Accounts with scorer state in memory");
        _meter.CreateObservableGauge("sentinel.scorer.state.size", () => ScorerStateBytes, "By",
            "Scorer state in memory, estimated as accounts times the mean encoded size of recently saved states");
        _meter.CreateObservableGauge("sentinel.process.start_time", () => new Measurement<long>(_startTimeSeconds,
            new KeyValuePair<string, object?>("stages", Stages)), "s", "Unix time this process started: a change is a restart");
    }

    public void SetLag(string stage, string topic, int partition, long lag)
    {
        _lag[(stage, topic, partition)] = lag;
        if (_inputs.TryAdd((stage, topic), true)) RecordsSkipped.Add(0, new System.Diagnostics.TagList { { "stage", stage }, { "topic", topic } });
    }

    /// <summary>The stage's event-time watermark (Unix ms); no watermark yet and the end of a replay are not reported.</summary>
    public void SetWatermark(string stage, long watermarkMs)
    {
        if (watermarkMs is long.MinValue or long.MaxValue) return;
        _watermarks[stage] = watermarkMs;
    }

    public void ClearLag(string stage, string topic, int partition) => _lag.TryRemove((stage, topic, partition), out _);

    public void SetModel(string version, string trainer, int featureSchema) => _model = new ModelInfo(version, trainer, featureSchema);

    private IEnumerable<Measurement<long>> ObserveLag() =>
        _lag.Select(e => new Measurement<long>(e.Value, new KeyValuePair<string, object?>("stage", e.Key.Stage),
            new KeyValuePair<string, object?>("topic", e.Key.Topic), new KeyValuePair<string, object?>("partition", e.Key.Partition.ToString())));

    private IEnumerable<Measurement<double>> ObserveEventTimeLag()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return _watermarks.Select(e => new Measurement<double>((now - e.Value) / 1000.0, new KeyValuePair<string, object?>("stage", e.Key)));
    }

    private IEnumerable<Measurement<double>> ObserveAllowedLateness() =>
        Volatile.Read(ref _allowedLatenessSeconds) is var seconds && double.IsNaN(seconds) ? [] : [new Measurement<double>(seconds)];

    private IEnumerable<Measurement<long>> ObserveModel() => _model is { } m
        ? [new Measurement<long>(1, new KeyValuePair<string, object?>("model_version", m.Version),
            new KeyValuePair<string, object?>("trainer", m.Trainer), new KeyValuePair<string, object?>("feature_schema", m.FeatureSchema.ToString()))]
        : [];

    private sealed record ModelInfo(string Version, string Trainer, int FeatureSchema);

    // A host's factory disposes the meters it made.
    public void Dispose()
    {
        if (_meter.Scope is null) _meter.Dispose();
    }
}
