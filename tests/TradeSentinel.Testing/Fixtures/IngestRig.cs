using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Streaming;
using TradeSentinel.Infrastructure.Telemetry;
using TradeSentinel.Ingest;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>An ingest worker on a dev broker of its own, and trade lines to feed it.</summary>
public sealed class IngestRig : IDisposable
{
    public EmbeddedKafkaCluster Broker { get; } = new(brokers: 1);
    public KafkaClients Kafka { get; }

    public IngestRig(int tradePartitions = 1)
    {
        Kafka = Broker.Clients();
        Broker.CreateTopic(Kafka.Options.Topics.Trades, tradePartitions);
        Broker.CreateTopic(Kafka.Options.Topics.DeadLetters, 1);
    }

    public IngestWorker Worker(IngestOptions options) =>
        new(new StageContext(Kafka, new SentinelMetrics(), NullLoggerFactory.Instance), Options.Create(options));

    /// <summary>The contract's example trade with this id and time (and exchange), as one line.</summary>
    public static string Line(string tradeId, long ts, string? exchange = null)
    {
        var trade = Trades.Valid();
        trade["trade_id"] = tradeId;
        trade["ts"] = ts;
        if (exchange is not null) trade["exchange"] = exchange;
        return Trades.Line(trade) + "\n";
    }

    public void Dispose() => Broker.Dispose();
}
