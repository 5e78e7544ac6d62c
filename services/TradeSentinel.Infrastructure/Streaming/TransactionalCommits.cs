using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using TradeSentinel.Infrastructure.Kafka;

namespace TradeSentinel.Infrastructure.Streaming;

/// <summary>
/// Exactly once for read_committed readers: a stage's outputs and the input offsets that produced
/// them are committed in one Kafka transaction, every 100 ms (outputs are visible only once
/// committed). A transaction the broker aborts, or one holding outputs of partitions this instance
/// lost, is discarded and the stage reads its input again from the committed offsets.
/// </summary>
public sealed class TransactionalCommits : ICommitProtocol
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private const int CommitAttempts = 3;

    private ILogger _logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    private string _stage = "";
    private bool _inTransaction;

    public TimeSpan Every { get; } = TimeSpan.FromMilliseconds(100);

    public void Configure(ProducerConfig producer, ConsumerConfig consumer, string transactionalId)
    {
        // The same id when an instance restarts (host name, or Kafka:InstanceId): its first
        // InitTransactions then aborts the transaction the crashed process left open, instead of
        // read_committed readers waiting for the broker's transaction timeout.
        producer.TransactionalId = transactionalId;
        consumer.EnableAutoCommit = false; // offsets travel in the transaction
    }

    public void Start(IProducer<string?, byte[]> producer, ILogger logger, string stage)
    {
        _logger = logger;
        _stage = stage;
        producer.InitTransactions(Timeout);
    }

    public void BeforeOutput(IProducer<string?, byte[]> producer)
    {
        if (_inTransaction) return;
        producer.BeginTransaction();
        _inTransaction = true;
    }

    public void Poll(IConsumer<string?, byte[]> consumer)
    {
    }

    public void BeforeFlush(IConsumer<string?, byte[]> consumer)
    {
    }

    public void Flushed(DeliveryWatch deliveries)
    {
    }

    public void Commit(IProducer<string?, byte[]> producer, IConsumer<string?, byte[]> consumer,
        Task saved, List<TopicPartitionOffset> offsets, CheckpointKind kind)
    {
        saved.GetAwaiter().GetResult();
        BeforeOutput(producer);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (offsets.Count > 0) producer.SendOffsetsToTransaction(offsets, consumer.ConsumerGroupMetadata, Timeout);
                producer.CommitTransaction(Timeout);
                break;
            }
            catch (KafkaRetriableException e) when (attempt < CommitAttempts)
            {
                // The outcome is unknown (a timeout): committing again is safe and settles it.
                _logger.LogWarning("{Stage}: transaction commit not confirmed ({Reason}); trying again", _stage, e.Error.Reason);
            }
        }
        _inTransaction = false;
        if (kind != CheckpointKind.Final) BeforeOutput(producer);
        // A real cluster already holds these offsets from the transaction; the dev broker
        // (librdkafka's mock) accepts TxnOffsetCommit without storing it, so commit them plainly
        // too. Best effort: if it fails, a restart re-reads a little more (see DeliveredAlerts).
        if (offsets.Count > 0) OffsetCommit.TryCommit(consumer, offsets, _logger, _stage);
    }

    // The checkpoint before the revocation committed everything, offsets included.
    public void Revoked(IConsumer<string?, byte[]> consumer)
    {
    }

    // Their records' outputs are in the open transaction, and their next owner produces them again.
    public bool Lost(IEnumerable<int> partitions) => _inTransaction;

    public void Abort(IProducer<string?, byte[]> producer)
    {
        if (!_inTransaction) return;
        producer.AbortTransaction(Timeout);
        _inTransaction = false;
    }
}
