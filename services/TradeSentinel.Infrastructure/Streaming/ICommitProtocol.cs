using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using TradeSentinel.Infrastructure.Kafka;

namespace TradeSentinel.Infrastructure.Streaming;

/// <summary>
/// How a <see cref="StreamStage{TIn}"/> makes its outputs and the input offsets that produced them
/// durable: <see cref="AtLeastOnceCommits"/> (outputs flushed, then offsets stored) or
/// <see cref="TransactionalCommits"/> (outputs and offsets in one Kafka transaction). The stage calls
/// these from its one consuming thread, in the order they are listed.
/// </summary>
public interface ICommitProtocol
{
    /// <summary>How often the stage checkpoints.</summary>
    TimeSpan Every { get; }

    /// <summary>Sets what the protocol needs in the stage's clients, before they are built.</summary>
    void Configure(ProducerConfig producer, ConsumerConfig consumer, string transactionalId);

    /// <summary>Once, before the first record: <paramref name="logger"/> and <paramref name="stage"/> are used for what the protocol reports.</summary>
    void Start(IProducer<string?, byte[]> producer, ILogger logger, string stage);

    /// <summary>Before anything is produced (a transactional stage produces inside an open transaction).</summary>
    void BeforeOutput(IProducer<string?, byte[]> producer);

    /// <summary>After each poll: offsets of an earlier checkpoint whose state is now saved may move.</summary>
    void Poll(IConsumer<string?, byte[]> consumer);

    /// <summary>At a checkpoint, before the outputs are flushed: what the previous checkpoint still holds goes first.</summary>
    void BeforeFlush(IConsumer<string?, byte[]> consumer);

    /// <summary>
    /// After the outputs were flushed, before the stage saves its state: a record the broker refused
    /// stops an at-least-once stage here (its state must not get ahead of its outputs); a transactional
    /// stage hears of it from its commit, which then aborts.
    /// </summary>
    void Flushed(DeliveryWatch deliveries);

    /// <summary>
    /// Makes <paramref name="offsets"/> durable with the outputs just flushed, once <paramref name="saved"/>
    /// (the stage's own state) is written. A <see cref="CheckpointKind.Periodic"/> checkpoint need not wait for it.
    /// </summary>
    void Commit(IProducer<string?, byte[]> producer, IConsumer<string?, byte[]> consumer,
        Task saved, List<TopicPartitionOffset> offsets, CheckpointKind kind);

    /// <summary>After the checkpoint that precedes a revocation: the revoked partitions' offsets are committed now.</summary>
    void Revoked(IConsumer<string?, byte[]> consumer);

    /// <summary>
    /// Partitions taken away without a revocation (the session timed out): another instance may already
    /// own them, so nothing of theirs is committed. True when outputs already produced from them must be
    /// discarded, i.e. the open transaction aborted and the input read again.
    /// </summary>
    bool Lost(IEnumerable<int> partitions);

    /// <summary>Discards the outputs since the last commit (a transactional stage aborts its transaction).</summary>
    void Abort(IProducer<string?, byte[]> producer);
}
