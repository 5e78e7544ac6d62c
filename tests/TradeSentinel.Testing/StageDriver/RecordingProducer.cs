using Confluent.Kafka;

namespace TradeSentinel.Tests.StageDriver;

/// <summary>
/// The producer a stage gets under <see cref="StageTestDriver{TIn}"/>: every record it produces is
/// kept, in order, and reported delivered at once; transactions always commit. Records sent to
/// <see cref="Partition.Any"/> are put on partition 0 (the driver's topics have one partition).
/// </summary>
public sealed class RecordingProducer : IProducer<string?, byte[]>
{
    private readonly List<(TopicPartition Target, Message<string?, byte[]> Message)> _produced = [];

    public IReadOnlyList<(TopicPartition Target, Message<string?, byte[]> Message)> Produced => _produced;

    public int CommittedTransactions { get; private set; }

    public void Produce(TopicPartition topicPartition, Message<string?, byte[]> message, Action<DeliveryReport<string?, byte[]>>? deliveryHandler = null)
    {
        var target = topicPartition.Partition == Partition.Any ? new TopicPartition(topicPartition.Topic, 0) : topicPartition;
        _produced.Add((target, message));
        deliveryHandler?.Invoke(new DeliveryReport<string?, byte[]>
        {
            TopicPartitionOffset = new TopicPartitionOffset(target, _produced.Count - 1),
            Message = message,
            Status = PersistenceStatus.Persisted,
            Error = new Error(ErrorCode.NoError),
        });
    }

    public void Produce(string topic, Message<string?, byte[]> message, Action<DeliveryReport<string?, byte[]>>? deliveryHandler = null) =>
        Produce(new TopicPartition(topic, Partition.Any), message, deliveryHandler);

    public int Poll(TimeSpan timeout) => 0;
    public int Flush(TimeSpan timeout) => 0;

    public void Flush(CancellationToken cancellationToken = default)
    {
    }

    public void InitTransactions(TimeSpan timeout)
    {
    }

    public void BeginTransaction()
    {
    }

    public void CommitTransaction(TimeSpan timeout) => CommittedTransactions++;
    public void CommitTransaction() => CommittedTransactions++;

    public void AbortTransaction(TimeSpan timeout)
    {
    }

    public void AbortTransaction()
    {
    }

    public void SendOffsetsToTransaction(IEnumerable<TopicPartitionOffset> offsets, IConsumerGroupMetadata groupMetadata, TimeSpan timeout)
    {
    }

    public Task<DeliveryResult<string?, byte[]>> ProduceAsync(string topic, Message<string?, byte[]> message, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("stages produce with delivery handlers");

    public Task<DeliveryResult<string?, byte[]>> ProduceAsync(TopicPartition topicPartition, Message<string?, byte[]> message, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("stages produce with delivery handlers");

    public void SetSaslCredentials(string username, string password) => throw new NotSupportedException();
    public int AddBrokers(string brokers) => throw new NotSupportedException();
    public Handle Handle => throw new NotSupportedException("no librdkafka client under the test driver");
    public string Name => "stage-test-driver";

    public void Dispose()
    {
    }
}
