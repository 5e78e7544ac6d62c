using Confluent.Kafka;

namespace TradeSentinel.Infrastructure.Kafka;

/// <summary>Producing without ever dropping a record when the client's local queue is full.</summary>
public static class ProducerExtensions
{
    /// <summary>Like <c>Produce</c>, but waits for deliveries to free room instead of throwing on a full queue.</summary>
    public static void ProduceOrWait(this IProducer<string?, byte[]> producer, TopicPartition target, Message<string?, byte[]> message,
        DeliveryWatch deliveries)
    {
        while (true)
        {
            try
            {
                producer.Produce(target, message, deliveries.OnDelivery);
                return;
            }
            catch (ProduceException<string?, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    public static void ProduceOrWait(this IProducer<string?, byte[]> producer, string topic, Message<string?, byte[]> message,
        DeliveryWatch deliveries) =>
        producer.ProduceOrWait(new TopicPartition(topic, Partition.Any), message, deliveries);
}
