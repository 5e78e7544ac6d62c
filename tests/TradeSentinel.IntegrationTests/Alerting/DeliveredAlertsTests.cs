using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using TradeSentinel.Alerting;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Kafka;

namespace TradeSentinel.Tests.Alerting;

/// <summary>What a restarting alerter learns from the alert topic's tail, on the embedded broker.</summary>
public sealed class DeliveredAlertsTests
{
    [Fact]
    public void A_starting_alerter_knows_every_id_already_on_the_alert_topic()
    {
        using var broker = new EmbeddedKafkaCluster();
        var options = new KafkaOptions { BootstrapServers = broker.BootstrapServers };
        foreach (var topic in options.Topics.All) broker.CreateTopic(topic, 3);
        var kafka = new KafkaClients(Options.Create(options));
        Assert.Empty(DeliveredAlerts.Recent(kafka));

        using (var producer = new ProducerBuilder<string?, byte[]>(kafka.Producer("test")).Build())
        {
            for (var i = 0; i < 25; i++)
                producer.Produce(options.Topics.Alerts, new Message<string?, byte[]>
                {
                    Key = $"A{i}",
                    Value = JsonSerializer.SerializeToUtf8Bytes(new FreezeRecommendation
                    {
                        AlertId = $"fa:victim:A{i}:high",
                        Ts = 1,
                        Action = AlertActions.FreezeAccount,
                        Severity = "high",
                        Reasons = [],
                        TradeIds = [$"T{i}"],
                        ModelVersion = "test",
                    }, SentinelJson.Default.FreezeRecommendation),
                });
            producer.Flush(TimeSpan.FromSeconds(10));
        }

        var ids = DeliveredAlerts.Recent(kafka);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"fa:victim:A{i}:high").Order(), ids.Order());
    }
}
