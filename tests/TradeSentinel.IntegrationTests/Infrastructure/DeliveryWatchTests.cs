using Confluent.Kafka;
using Microsoft.Extensions.Options;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Telemetry;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Infrastructure;

/// <summary>A record the broker refuses for good is never passed over: the producer's owner hears of it before its offsets move.</summary>
public sealed class DeliveryWatchTests
{
    [Fact]
    public void A_record_the_broker_refuses_for_good_is_counted_and_stops_its_producer_at_the_next_check()
    {
        using var broker = new EmbeddedKafkaCluster(brokers: 1);
        broker.CreateTopic("refusing", 1);
        var clients = broker.Clients();
        using var producer = new ProducerBuilder<string?, byte[]>(clients.Producer("test")).Build();
        var deliveries = new DeliveryWatch(new SentinelMetrics(), "test");
        using var refused = new CounterRecorder("sentinel.produce.errors", label: "stage");

        producer.ProduceOrWait("refusing", new Message<string?, byte[]> { Value = [1] }, deliveries);
        producer.Flush(TimeSpan.FromSeconds(30));
        deliveries.ThrowIfRefused(); // delivered: nothing to say

        broker.PushRequestErrors(0, ErrorCode.MsgSizeTooLarge); // ProduceRequest: not retriable
        producer.ProduceOrWait("refusing", new Message<string?, byte[]> { Value = [2] }, deliveries);
        producer.Flush(TimeSpan.FromSeconds(30));

        var stop = Assert.Throws<KafkaException>(deliveries.ThrowIfRefused);
        Assert.Contains("refusing", stop.Message);
        Assert.Contains("MsgSizeTooLarge", stop.Message);
        Assert.Equal(1, refused.Of("test"));
    }
}
