using Microsoft.Extensions.Logging;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Telemetry;

namespace TradeSentinel.Infrastructure.Streaming;

/// <summary>What every stage gets from the host: clients, metrics, logging, and an optional replay limiter.</summary>
public sealed class StageContext(KafkaClients kafka, SentinelMetrics metrics, ILoggerFactory loggers, InFlightLimiter? limiter = null)
{
    public KafkaClients Kafka { get; } = kafka;
    public SentinelMetrics Metrics { get; } = metrics;
    public ILoggerFactory Loggers { get; } = loggers;
    public InFlightLimiter? Limiter { get; } = limiter;
    public TopicNames Topics => Kafka.Options.Topics;
}
