using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Streaming;

namespace TradeSentinel.Ingest.Topic;

/// <summary>
/// Ingest from a venue's Kafka topic, as a member of the consumer group <c>{GroupPrefix}.ingest.{topic}</c>.
/// At least once: a record's offset is stored (and so committed) only once everything produced from
/// it is on the trades topic, and a restart re-reads from there into the pipeline's own dedup
/// (downstream stages are idempotent per trade). Each partition keeps its own event-time clock in
/// the watermark: a partition that is behind holds the promise back.
/// </summary>
public sealed class TopicFeed(string topic, IngestOptions options, StageContext context, IProducer<string?, byte[]> producer,
    DeliveryWatch deliveries, SourceWatermark watermark, TradeAdmission admission, ILogger logger)
{
    private const string Stage = "ingest";
    private readonly Dictionary<int, long> _nextOffsets = [];
    private readonly HashSet<int> _atEnd = [];
    private readonly HashSet<int> _assigned = [];

    public void Run(CancellationToken cancel)
    {
        var config = context.Kafka.Consumer($"{Stage}.{topic}");
        config.EnablePartitionEof = true; // a partition read to its end holds no promise back, and a topic replay ends there
        using var consumer = new ConsumerBuilder<string?, byte[]>(config)
            .SetErrorHandler((_, e) => logger.LogWarning("ingest consumer of {Topic}: {Reason}", topic, e.Reason))
            .SetPartitionsAssignedHandler((_, assigned) => assigned.ForEach(tp =>
            {
                _assigned.Add(tp.Partition.Value);
                watermark.Assigned(tp.Partition.Value);
            }))
            .SetPartitionsRevokedHandler((c, revoked) => Revoke(c, revoked.Select(tp => tp.Partition.Value)))
            .SetPartitionsLostHandler((_, lost) => Forget(lost.Select(tp => tp.Partition.Value)))
            .Build();
        var partitions = TopicProvisioner.PartitionCount(context.Kafka, topic);
        consumer.Subscribe(topic);
        var sinceCheckpoint = Stopwatch.StartNew();
        var waiting = false;
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                if (!waiting) watermark.WaitingForInput();
                waiting = true;
                var record = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (record is { IsPartitionEOF: true })
                {
                    _atEnd.Add(record.Partition.Value);
                    watermark.CaughtUp(record.Partition.Value);
                    if (options.StopAtTopicEnd && ReadToEnd(partitions)) break;
                }
                else if (record is not null)
                {
                    watermark.GotInput();
                    waiting = false;
                    var partition = record.Partition.Value;
                    _atEnd.Remove(partition);
                    var value = record.Message.Value ?? [];
                    admission.Offer(value, value.Length, RecordOrigin.Offset(topic, partition, record.Offset.Value), partition, cancel);
                    _nextOffsets[partition] = record.Offset.Value + 1;
                }
                if (sinceCheckpoint.ElapsedMilliseconds >= options.TopicCheckpointMs)
                {
                    Checkpoint(consumer);
                    sinceCheckpoint.Restart();
                }
            }
            if (options.StopAtTopicEnd && !cancel.IsCancellationRequested) watermark.End();
            Checkpoint(consumer);
            consumer.Commit();
        }
        catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_NoOffset)
        {
            // Nothing was stored to commit.
        }
        finally
        {
            consumer.Close();
        }
    }

    /// <summary>Every partition of the topic is assigned to this member and was read to its end.</summary>
    private bool ReadToEnd(int partitions) => _assigned.Count == partitions && _assigned.All(_atEnd.Contains);

    /// <summary>Stores the offsets below which every record's trade (or dead letter) was delivered.</summary>
    private void Checkpoint(IConsumer<string?, byte[]> consumer)
    {
        producer.Flush(Timeout.InfiniteTimeSpan);
        deliveries.ThrowIfRefused();
        foreach (var (partition, next) in _nextOffsets)
            consumer.StoreOffset(new TopicPartitionOffset(topic, partition, next));
        _nextOffsets.Clear();
        ConsumerLag.Report(consumer, Stage, context.Metrics);
    }

    private void Revoke(IConsumer<string?, byte[]> consumer, IEnumerable<int> revoked)
    {
        Checkpoint(consumer);
        try
        {
            consumer.Commit();
        }
        catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_NoOffset)
        {
            // Nothing was stored since the last commit.
        }
        catch (KafkaException e)
        {
            // The next owner re-reads a little more; the pipeline's dedup makes that harmless.
            logger.LogWarning("ingest could not commit offsets of {Topic} at a rebalance ({Reason})", topic, e.Error.Reason);
        }
        Forget(revoked);
    }

    private void Forget(IEnumerable<int> partitions)
    {
        foreach (var partition in partitions)
        {
            _assigned.Remove(partition);
            _atEnd.Remove(partition);
            _nextOffsets.Remove(partition);
            watermark.Revoked(partition);
            context.Metrics.ClearLag(Stage, topic, partition);
        }
    }
}
