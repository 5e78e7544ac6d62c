using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using TradeSentinel.Infrastructure.Kafka;

namespace TradeSentinel.Infrastructure.Streaming;

/// <summary>
/// At least once: every output is delivered before the offsets below it are stored, and a stage's
/// own state (<paramref name="every"/> apart) is written before them too; the consumer's auto-commit
/// commits what was stored. After a crash the records past the last stored offsets are processed
/// again, so downstream sees some outputs twice and must be idempotent.
/// </summary>
/// <param name="every">How often outputs are flushed and input offsets stored.</param>
public sealed class AtLeastOnceCommits(TimeSpan every) : ICommitProtocol
{
    private ILogger _logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    private string _stage = "";

    // The last checkpoint's offsets, stored once what it saved is written.
    private (Task Saved, List<TopicPartitionOffset> Offsets)? _pending;

    public TimeSpan Every => every;

    public void Configure(ProducerConfig producer, ConsumerConfig consumer, string transactionalId)
    {
    }

    public void Start(IProducer<string?, byte[]> producer, ILogger logger, string stage)
    {
        _logger = logger;
        _stage = stage;
    }

    public void BeforeOutput(IProducer<string?, byte[]> producer)
    {
    }

    public void Poll(IConsumer<string?, byte[]> consumer) => StorePending(consumer, wait: false);

    public void BeforeFlush(IConsumer<string?, byte[]> consumer) => StorePending(consumer, wait: true);

    public void Flushed(DeliveryWatch deliveries) => deliveries.ThrowIfRefused();

    public void Commit(IProducer<string?, byte[]> producer, IConsumer<string?, byte[]> consumer,
        Task saved, List<TopicPartitionOffset> offsets, CheckpointKind kind)
    {
        _pending = (saved, offsets);
        StorePending(consumer, wait: kind != CheckpointKind.Periodic);
    }

    public void Revoked(IConsumer<string?, byte[]> consumer) => OffsetCommit.TryCommit(consumer, null, _logger, _stage);

    // What was produced from them is delivered at least once anyway; only their offsets must not move.
    public bool Lost(IEnumerable<int> partitions)
    {
        if (_pending is { } pending)
        {
            var lost = partitions.ToHashSet();
            _pending = (pending.Saved, pending.Offsets.Where(o => !lost.Contains(o.Partition.Value)).ToList());
        }
        return false;
    }

    public void Abort(IProducer<string?, byte[]> producer)
    {
    }

    /// <summary>Stores the last checkpoint's offsets once its state is written (now, or when <paramref name="wait"/>, after waiting).</summary>
    private void StorePending(IConsumer<string?, byte[]> consumer, bool wait)
    {
        if (_pending is not { } pending || (!wait && !pending.Saved.IsCompleted)) return;
        pending.Saved.GetAwaiter().GetResult(); // outages are retried inside; anything else stops the stage
        foreach (var offset in pending.Offsets) consumer.StoreOffset(offset);
        _pending = null;
    }
}
