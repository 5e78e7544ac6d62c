using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Streaming;
using TradeSentinel.Infrastructure.Telemetry;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Infrastructure;

/// <summary>
/// Records deleted before a stage read them are a counted loss, not a silent skip: the dev broker
/// keeps a few megabytes per partition, like a real topic's retention.
/// </summary>
public sealed class OffsetGapsTests
{
    [Fact]
    public void Records_deleted_before_a_lagging_group_read_them_are_counted_and_a_new_group_reading_from_the_start_is_not()
    {
        using var broker = new EmbeddedKafkaCluster(brokers: 1);
        broker.CreateTopic("retained", 1);
        var clients = broker.Clients();
        using (var producer = new ProducerBuilder<string?, byte[]>(clients.Producer("test")).Build())
        {
            for (var i = 0; i < 20; i++) producer.Produce("retained", new Message<string?, byte[]> { Value = new byte[1024] });
            producer.Flush(TimeSpan.FromSeconds(30));
            CommitAt(clients, "lagging", 10); // the group read 10 records, then fell behind
            for (var i = 0; i < 12_000; i++) producer.Produce("retained", new Message<string?, byte[]> { Value = new byte[1024] });
            producer.Flush(TimeSpan.FromSeconds(30));
        }
        using var skipped = new CounterRecorder("sentinel.records.skipped", label: "stage");

        var (lagging, laggingFirst) = ReadFirst(clients, "lagging");
        var (fresh, _) = ReadFirst(clients, "fresh");

        Assert.True(laggingFirst > 10, $"the dev broker kept offset {laggingFirst}: nothing was deleted, the test proves nothing");
        Assert.Equal(laggingFirst - 10, skipped.Of(lagging));
        Assert.Equal(0, skipped.Of(fresh));
    }

    private static void CommitAt(KafkaClients clients, string group, long offset)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]>(clients.Consumer(group)).Build();
        consumer.Commit([new TopicPartitionOffset("retained", 0, offset)]);
    }

    private static (string Stage, long FirstOffset) ReadFirst(KafkaClients clients, string group)
    {
        var gaps = new OffsetGaps(group, "retained", new SentinelMetrics(), NullLogger.Instance);
        using var consumer = new ConsumerBuilder<string?, byte[]>(clients.Consumer(group))
            .SetPartitionsAssignedHandler((c, assigned) => gaps.Assigned(c, assigned))
            .Build();
        consumer.Subscribe("retained");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } record)
            {
                gaps.Read(record.Partition.Value, record.Offset.Value);
                consumer.Close();
                return (group, record.Offset.Value);
            }
        throw new TimeoutException("nothing to read");
    }
}
