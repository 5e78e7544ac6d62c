using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Telemetry;

namespace TradeSentinel.Infrastructure.Streaming;

/// <summary>What every stage gets from the host: clients, metrics, logging, and whoever observes it (nobody, but in a replay).</summary>
/// <param name="producers">Builds a stage's producer from its configuration: a Kafka producer, unless a test drives the stage without a broker.</param>
public sealed class StageContext(KafkaClients kafka, SentinelMetrics metrics, ILoggerFactory loggers, IStageObserver? observer = null,
    Func<ProducerConfig, IProducer<string?, byte[]>>? producers = null)
{
    public KafkaClients Kafka { get; } = kafka;
    public SentinelMetrics Metrics { get; } = metrics;
    public ILoggerFactory Loggers { get; } = loggers;
    public IStageObserver Observer { get; } = observer ?? NoStageObserver.Instance;
    public TopicNames Topics => Kafka.Options.Topics;

    /// <param name="onError">Told of every error the client reports (most are transient and retried inside; a fatal one is not).</param>
    public IProducer<string?, byte[]> CreateProducer(ProducerConfig config, Action<Error> onError) =>
        producers?.Invoke(config) ?? new ProducerBuilder<string?, byte[]>(config).SetErrorHandler((_, e) => onError(e)).Build();
}
