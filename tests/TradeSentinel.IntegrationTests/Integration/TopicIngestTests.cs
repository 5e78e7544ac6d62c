using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using TradeSentinel.Alerting;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Redis;
using TradeSentinel.Infrastructure.Streaming;
using TradeSentinel.Service.Hosting;
using TradeSentinel.Tests.Fixtures;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tests.Integration;

/// <summary>
/// The "done when": a venue-format topic on the broker goes through <c>sentinel ingest
/// --from-topic … --mapping …</c> (its own process, as deployed) and yields the same recommendations
/// as the same trades from a file; what the mapping cannot read is dead-lettered with its
/// topic/partition@offset; and the venue offsets are committed only for trades now on sentinel.trades.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class TopicIngestTests
{
    private const string VenueTopic = "venue-a.trades";

    [Fact]
    public async Task A_venue_topic_through_ingest_from_topic_with_its_mapping_gives_the_recommendations_of_the_same_trades_from_a_file()
    {
        using var broker = new EmbeddedKafkaCluster();
        var topics = broker.CreatePipelineTopics(4);
        broker.CreateTopic(VenueTopic, 3); // partitions read at different speeds: each keeps its own event time
        string unmappableAt;
        using (var producer = new ProducerBuilder<string?, byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build())
        {
            var lines = AttackStretch.Lines();
            for (var i = 0; i < lines.Count; i++)
            {
                var symbol = lines[i][(lines[i].IndexOf("\"symbol\":\"", StringComparison.Ordinal) + 10)..].Split('"')[0];
                producer.Produce(VenueTopic, new Message<string?, byte[]> { Key = symbol, Value = Encoding.UTF8.GetBytes(VenueAFormat.From(lines[i])) });
            }
            var bad = await producer.ProduceAsync(new TopicPartition(VenueTopic, 1), new Message<string?, byte[]>
            {
                Value = Encoding.UTF8.GetBytes("""{"id":"X1","venue":"demo","time":"1672190000.000","pair":"DMG/USDT","px":"1","sz":"1","side":"?","taker":{"uid":"A1","via":"API"},"maker":{"uid":"A2","via":"API"}}"""),
            });
            unmappableAt = $"{VenueTopic}/1@{bad.Offset.Value}";
            producer.Flush();
        }
        using var redis = EmbeddedRedisServer.Start();
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = broker.BootstrapServers,
            ["Redis:Configuration"] = redis.Configuration,
            ["Scoring:ModelPath"] = TrainedModel.Shared.Path,
        };
        var builder = SentinelHost.CreateBuilder([], settings);
        var observer = new ReplayObserver(AlerterStage.Name); // tells when the alerter has handled the end of the stream
        builder.Services.AddSingleton<IStageObserver>(observer);
        builder.Services.AddStages(SentinelHost.Stages.Market | SentinelHost.Stages.Scorer | SentinelHost.Stages.Alerter);
        await using var stages = builder.Build();
        await stages.StartAsync();
        using var sink = new AlertSink(stages.Services.GetRequiredService<KafkaClients>());
        sink.Start();

        using var ingest = new StageProcess("ingest", new Dictionary<string, string?>(settings)
        {
            ["Ingest:FromTopic"] = VenueTopic,
            ["Ingest:Mapping"] = RepoPaths.Mapping("venue-a.json"),
            ["Ingest:StopAtTopicEnd"] = "true", // a replay of the topic: it ends where the topic does
            ["Ingest:IdleAfterMs"] = "0",
            ["Ingest:MaxAheadOfWallClockMs"] = "0",
        });
        try
        {
            await observer.EndOfStream.WaitAsync(TimeSpan.FromSeconds(180));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the stream did not end; ingest said:\n{ingest.Output}");
        }
        await sink.DrainAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var fromFile = await UndisturbedStretch.AlertsAsync();

        Assert.Equal(0, await ingest.ExitCodeAsync(TimeSpan.FromSeconds(30)));
        Assert.NotEmpty(fromFile);
        Assert.Equal(AlertRecords.Json(fromFile), AlertRecords.Json(sink.Alerts));
        var letter = Assert.Single(DeadLetterTopic.Read(broker.BootstrapServers, topics.DeadLetters, 1)); // no trade was late: no partition was passed
        Assert.Equal(("unmappable", unmappableAt), (letter.Reason, letter.Source));
        Assert.Contains("taker_side '?'", letter.Detail);
        AssertCommittedToTheEnd(broker.BootstrapServers);
        await stages.StopAsync();
    }

    /// <summary>The ingest group's committed offsets are the end of every partition: each record's trade or dead letter was delivered first.</summary>
    private static void AssertCommittedToTheEnd(string bootstrap)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = $"sentinel.ingest.{VenueTopic}" }).Build();
        var partitions = Enumerable.Range(0, 3).Select(p => new TopicPartition(VenueTopic, p)).ToList();
        var committed = consumer.Committed(partitions, TimeSpan.FromSeconds(10));
        foreach (var offset in committed)
            Assert.Equal(consumer.QueryWatermarkOffsets(offset.TopicPartition, TimeSpan.FromSeconds(10)).High, offset.Offset);
    }
}
