using System.Text.Json;
using Confluent.Kafka;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Validation;
using TradeSentinel.Infrastructure.Kafka;

namespace TradeSentinel.Tools.Replay;

/// <summary>
/// Reads the alert topic from its beginning, as a risk team's consumer would, handing each
/// recommendation to a callback; <see cref="DrainAsync"/> finishes once it has read up to the end.
/// </summary>
public sealed class AlertSink(KafkaClients kafka, Action<FreezeRecommendation>? onAlert = null) : IDisposable
{
    private readonly List<FreezeRecommendation> _alerts = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _drainRequested;
    private Task? _loop;

    public IReadOnlyList<FreezeRecommendation> Alerts => _alerts;

    public void Start()
    {
        var topic = kafka.Options.Topics.Alerts;
        var partitions = TopicProvisioner.PartitionCount(kafka, topic);
        var config = kafka.Consumer($"sink.{Guid.NewGuid():N}");
        config.EnableAutoCommit = false;
        _loop = Task.Factory.StartNew(() => Loop(config, topic, partitions), TaskCreationOptions.LongRunning);
    }

    /// <summary>Reads everything now on the topic (call once the producers have flushed), then stops.</summary>
    public Task DrainAsync()
    {
        _drainRequested = true;
        return _drained.Task;
    }

    private void Loop(ConsumerConfig config, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]>(config).Build();
        var assigned = Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)).ToList();
        consumer.Assign(assigned);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var record = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (record is not null)
                {
                    // Anything else on the topic is not this replay's output (the alerter dead-letters it).
                    if (!RecommendationRecord.TryRead(record.Message.Value, out var alert, out _)) continue;
                    _alerts.Add(alert);
                    onAlert?.Invoke(alert);
                }
                else if (_drainRequested && ReachedEnd(consumer, assigned))
                {
                    _drained.TrySetResult();
                    return;
                }
            }
        }
        catch (Exception e)
        {
            _drained.TrySetException(e);
        }
        finally
        {
            consumer.Close();
        }
    }

    private static bool ReachedEnd(IConsumer<string?, byte[]> consumer, List<TopicPartitionOffset> assigned)
    {
        foreach (var tp in assigned)
        {
            Offset high;
            try
            {
                high = consumer.QueryWatermarkOffsets(tp.TopicPartition, TimeSpan.FromSeconds(5)).High;
            }
            catch (KafkaException)
            {
                // A broker that just came back may not know the partition's leader yet: ask again later.
                return false;
            }
            var position = consumer.Position(tp.TopicPartition);
            if (high.Value > 0 && (position == Offset.Unset || position.Value < high.Value)) return false;
        }
        return true;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop?.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
