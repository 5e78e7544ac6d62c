using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TradeSentinel.Core;
using TradeSentinel.Core.EventTime;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Streaming;
using TradeSentinel.Infrastructure.Telemetry;

namespace TradeSentinel.Tests.StageDriver;

/// <summary>
/// Drives one stage's logic without a broker, in the spirit of Kafka Streams' TopologyTestDriver:
/// records piped in are decoded, merged in event-time order and processed exactly as the stage's
/// consume loop does, and what the stage produced is read back per topic. The commit protocols and
/// the consumer-group behaviour are the broker tests' concern (Integration/).
/// </summary>
public sealed class StageTestDriver<TIn> : IDisposable
{
    private readonly Dictionary<int, long> _nextOffset = [];
    private readonly Dictionary<string, int> _taken = [];
    private readonly int _inputPartitions;

    /// <param name="create">Builds the stage from the context the driver gives it (its producer records instead of producing).</param>
    /// <param name="inputPartitions">Partitions of the stage's input topic, all assigned to it; its output topic has one.</param>
    public StageTestDriver(Func<StageContext, StreamStage<TIn>> create, int inputPartitions = 1)
    {
        _inputPartitions = inputPartitions;
        var kafka = new KafkaClients(Options.Create(new KafkaOptions { BootstrapServers = "no-broker:9092" }));
        Context = new StageContext(kafka, Metrics, NullLoggerFactory.Instance, producers: _ => Producer);
        Stage = create(Context);
        Stage.FixPartitionCounts(inputPartitions, 1);
        Stage.Assign(Enumerable.Range(0, inputPartitions));
    }

    public RecordingProducer Producer { get; } = new();
    public SentinelMetrics Metrics { get; } = new();
    public StageContext Context { get; }
    public StreamStage<TIn> Stage { get; }
    public TopicNames Topics => Context.Topics;

    /// <summary>A data record on input partition <paramref name="partition"/>, at its next offset.</summary>
    public void Pipe(byte[] value, int partition = 0, string? key = null) =>
        Pipe(new Message<string?, byte[]> { Key = key, Value = value }, partition);

    /// <summary>Any record as read from the input topic (e.g. another driver's output, watermarks included).</summary>
    public void Pipe(Message<string?, byte[]> message, int partition = 0)
    {
        var offset = _nextOffset.GetValueOrDefault(partition);
        _nextOffset[partition] = offset + 1;
        Stage.Accept(new ConsumeResult<string?, byte[]>
        {
            TopicPartitionOffset = new TopicPartitionOffset("input", partition, offset),
            Message = message,
        });
    }

    /// <summary>An upstream promise on <paramref name="partition"/>: source 0 of 1 puts nothing older than <paramref name="value"/> there.</summary>
    public void PipeWatermark(long value, int partition = 0) =>
        Pipe(new Message<string?, byte[]>
        {
            Value = JsonSerializer.SerializeToUtf8Bytes(new Watermark(value, 0, 1), SentinelJson.Default.Watermark),
            Headers = [new Header(Watermark.Header, [1])],
        }, partition);

    /// <summary>The end-of-stream promise on every input partition.</summary>
    public void PipeEndOfStream()
    {
        for (var p = 0; p < _inputPartitions; p++) PipeWatermark(Watermark.EndOfStream, p);
    }

    /// <summary>What the stage's consume loop does after each poll: processes what the watermarks release. True when the stream just ended.</summary>
    public bool Advance() => Stage.HandleReleased();

    /// <summary>Everything produced to <paramref name="topic"/>, watermarks included, in order.</summary>
    public List<Message<string?, byte[]>> Output(string topic) =>
        Producer.Produced.Where(r => r.Target.Topic == topic).Select(r => r.Message).ToList();

    /// <summary>What was produced to <paramref name="topic"/> since the last take, watermarks included: to pipe into the next stage's driver.</summary>
    public List<Message<string?, byte[]>> TakeOutput(string topic)
    {
        var all = Output(topic);
        var taken = _taken.GetValueOrDefault(topic);
        _taken[topic] = all.Count;
        return all[taken..];
    }

    /// <summary>The data records produced to <paramref name="topic"/>, in order.</summary>
    public List<Message<string?, byte[]>> Records(string topic) =>
        Output(topic).Where(m => m.Headers is null || !m.Headers.TryGetLastBytes(Watermark.Header, out _)).ToList();

    public void Dispose() => Stage.Dispose();
}
