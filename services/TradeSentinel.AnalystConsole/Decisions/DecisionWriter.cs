using System.Text.Json;
using Confluent.Kafka;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Infrastructure.Kafka;

namespace TradeSentinel.AnalystConsole.Decisions;

/// <summary>Produces decisions to the compacted decision topic, keyed by alert id, and waits for the broker to have them.</summary>
public sealed class DecisionWriter(KafkaClients kafka) : IDisposable
{
    private readonly Lazy<IProducer<string, byte[]>> _producer = new(() =>
    {
        var config = kafka.Producer("sentinel.console");
        // An analyst waits for the answer: a decision the broker did not take within this is reported as not recorded.
        config.MessageTimeoutMs = 10_000;
        return new ProducerBuilder<string, byte[]>(config).Build();
    });

    public async Task WriteAsync(AnalystDecision decision, CancellationToken cancel)
    {
        await _producer.Value.ProduceAsync(kafka.Options.Topics.Decisions, new Message<string, byte[]>
        {
            Key = decision.AlertId,
            Value = JsonSerializer.SerializeToUtf8Bytes(decision, SentinelJson.Default.AnalystDecision),
        }, cancel);
    }

    public void Dispose()
    {
        if (!_producer.IsValueCreated) return;
        _producer.Value.Flush(TimeSpan.FromSeconds(5));
        _producer.Value.Dispose();
    }
}
