using Microsoft.Extensions.Options;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Kafka;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>What tests do with a dev broker of their own: clients for it, the pipeline's topics on it.</summary>
public static class BrokerExtensions
{
    public static KafkaClients Clients(this EmbeddedKafkaCluster broker) =>
        new(Options.Create(new KafkaOptions { BootstrapServers = broker.BootstrapServers }));

    public static TopicNames CreatePipelineTopics(this EmbeddedKafkaCluster broker, int partitions)
    {
        var topics = new TopicNames();
        foreach (var topic in topics.All) broker.CreateTopic(topic, partitions);
        return topics;
    }
}
