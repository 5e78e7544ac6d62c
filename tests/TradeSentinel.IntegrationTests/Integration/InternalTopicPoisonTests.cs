using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using TradeSentinel.Core;
using TradeSentinel.Core.EventTime;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Telemetry;
using TradeSentinel.Tests.Fixtures;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tests.Integration;

/// <summary>
/// Records on the internal topics that no stage wrote (damaged, or from another writer) cost
/// themselves only: each is dead-lettered with its topic, partition and offset, and counted.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class InternalTopicPoisonTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-poison-").FullName;

    [Fact]
    public async Task Every_stage_dead_letters_what_it_cannot_use_and_the_recommendations_are_those_of_a_clean_run()
    {
        using var broker = new EmbeddedKafkaCluster();
        var topics = broker.CreatePipelineTopics(4);
        var fill = JsonNode.Parse(JsonSerializer.Serialize(new Fill
        {
            TradeId = "P1",
            Ts = 1_672_190_906_820,
            Exchange = "demo",
            Symbol = "DMG-USDT",
            Side = "buy",
            Price = 1,
            Qty = 1,
            Usd = 1,
            AccountId = "A1",
            Channel = "web",
            Counterparty = new Counterparty { AccountId = "B1", Channel = "web" },
        }, SentinelJson.Default.Fill))!.AsObject();
        var forgedFill = fill.DeepClone().AsObject();
        forgedFill["account_id"] = "A1\u001fK9\u001fapp-3c";
        var scored = new JsonObject { ["flagged"] = true, ["only_wins_off_market"] = false, ["fill"] = fill.DeepClone(), ["reasons"] = null, ["model_version"] = "m" };
        var poison = new (string Topic, int Partition, string? Value, bool MarkedAsWatermark, string Reason)[]
        {
            (topics.Trades, 0, "{not json", true, "undecodable"),
            (topics.Trades, 1, null, false, "undecodable"),
            (topics.Fills, 2, """{"value":1,"source":7,"sources":2}""", true, "undecodable"),
            (topics.Fills, 3, forgedFill.ToJsonString(), false, "invalid_field"),
            (topics.Scored, 0, scored.ToJsonString(), false, "missing_field"),
            (topics.Alerts, 0, "{\"alert_id\":", false, "invalid_json"),
        };
        using (var producer = new ProducerBuilder<string?, byte[]?>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build())
        {
            foreach (var p in poison)
                await producer.ProduceAsync(new TopicPartition(p.Topic, p.Partition), new Message<string?, byte[]?>
                {
                    Value = p.Value is null ? null : Encoding.UTF8.GetBytes(p.Value),
                    Headers = p.MarkedAsWatermark ? [new Header(Watermark.Header, [1])] : null,
                });
        }
        using var counted = new CounterRecorder("sentinel.dead_letters", label: "reason");

        var cleanAlerts = await UndisturbedStretch.AlertsAsync();
        var run = await PipelineRun.ExecuteAsync(
            ["--Scoring:ModelPath", TrainedModel.Shared.Path, "--Kafka:BootstrapServers", broker.BootstrapServers], AttackStretch.WriteTo(_dir));

        Assert.NotEmpty(cleanAlerts);
        Assert.Equal(AlertRecords.Json(cleanAlerts), AlertRecords.Json(run.Alerts));
        var letters = DeadLetterTopic.Read(broker.BootstrapServers, topics.DeadLetters, poison.Length);
        Assert.Equal(
            poison.Select(p => $"{p.Topic}/{p.Partition}@0: {p.Reason}").Order(),
            letters.Select(l => $"{l.Source}: {l.Reason}").Order());
        Assert.Equal(poison.Length, counted.Total);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
