using System.Diagnostics.Metrics;

namespace TradeSentinel.Infrastructure.Telemetry;

/// <summary>
/// Every instrument of every stage, created once. Labels are low-cardinality (stage, reason,
/// action, severity): never an account, key or trade id.
/// </summary>
public sealed class SentinelMetrics : IDisposable
{
    public const string MeterName = "TradeSentinel";

    private readonly Meter _meter = new(MeterName);

    public Counter<long> TradesIngested { get; }
    public Counter<long> DeadLetters { get; }
    public Counter<long> FillsProduced { get; }
    public Counter<long> FillsScored { get; }
    public Counter<long> Alerts { get; }
    public Histogram<double> Scores { get; }
    public Counter<long> RedisErrors { get; }
    public Counter<long> UnpricedTrades { get; }

    public SentinelMetrics()
    {
        TradesIngested = _meter.CreateCounter<long>("sentinel.trades.ingested", "{trade}", "Valid trades produced to the trades topic");
        DeadLetters = _meter.CreateCounter<long>("sentinel.dead_letters", "{record}", "Records refused, by stage and reason");
        FillsProduced = _meter.CreateCounter<long>("sentinel.fills.produced", "{fill}", "Fills with market context produced by the market stage");
        FillsScored = _meter.CreateCounter<long>("sentinel.fills.scored", "{fill}", "Fills scored, by whether they were flagged");
        Alerts = _meter.CreateCounter<long>("sentinel.alerts", "{alert}", "Freeze recommendations produced, by action and severity");
        Scores = _meter.CreateHistogram<double>("sentinel.fill.score", null, "Calibrated anomaly score of scored fills",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 0.9, 0.99, 0.999, 0.9999] });
        RedisErrors = _meter.CreateCounter<long>("sentinel.redis.errors", "{error}", "Redis calls that failed and were retried");
        UnpricedTrades = _meter.CreateCounter<long>("sentinel.trades.unpriced", "{trade}",
            "Trades whose quote asset has no USD value yet (no QUOTE-USDT trade seen): scored, never flagged");
    }

    public void Dispose() => _meter.Dispose();
}
