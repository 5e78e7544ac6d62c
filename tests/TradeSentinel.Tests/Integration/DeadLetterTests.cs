using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using TradeSentinel.Cli.Hosting;
using TradeSentinel.Core;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Telemetry;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Integration;

/// <summary>Bad records go to the dead-letter topic with their reason and a metric; the stream around them is unaffected.</summary>
[Collection(PipelineCollection.Name)]
public sealed class DeadLetterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-dlq-").FullName;

    private static readonly (string Line, string Reason)[] BadRecords =
    [
        ("""{"trade_id":"X1","ts":1672191000000,"symbol":"DMG-USDT","price":0.01""", "invalid_json"),
        ("""{"trade_id":"X2","ts":1672191000000,"symbol":"DMG-USDT","price":"cheap","qty":1,"taker_side":"buy"}""", "invalid_json"),
        ("""{"trade_id":"X3","ts":1672191000000,"symbol":"DMG-USDT","price":-1,"qty":1,"taker_side":"buy","buyer":{"account_id":"A","channel":"api"},"seller":{"account_id":"B","channel":"api"}}""", "invalid_field"),
        ("""{"trade_id":"X4","ts":1672191000000,"symbol":"DMG-USDT","price":1,"qty":1,"taker_side":"buy","buyer":{"account_id":"A","channel":"api"}}""", "missing_field"),
        ("""{"trade_id":"X5","ts":1672191000000,"symbol":"DMG-USDT","price":1,"qty":1,"taker_side":"buy","buyer":{"account_id":"A","channel":"api"},"seller":{"account_id":"A","channel":"api"}}""", "invalid_field"),
        ("""{"trade_id":"X6","ts":1000,"symbol":"DMG-USDT","price":1,"qty":1,"taker_side":"buy","buyer":{"account_id":"A","channel":"api"},"seller":{"account_id":"B","channel":"web"}}""", "late_event"),
        ("{\"trade_id\":\"" + new string('x', 100_000) + "\"}", "too_large"),
    ];

    private string Write(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public async Task Bad_records_are_dead_lettered_with_their_reason_and_counted_and_the_alerts_are_unchanged()
    {
        var clean = AttackStretch.Lines();
        var dirty = new List<string>(clean);
        for (var i = 0; i < BadRecords.Length; i++) dirty.Insert(1000 * (i + 1), BadRecords[i].Line);
        dirty.Insert(5000, clean[4000]); // a duplicate trade_id
        using var counted = new CounterRecorder("sentinel.dead_letters", label: "reason");

        var cleanAlerts = await UndisturbedStretch.AlertsAsync();
        using var broker = new EmbeddedKafkaCluster();
        var topics = new TopicNames();
        foreach (var topic in topics.All) broker.CreateTopic(topic, 4);
        var dirtyRun = await PipelineRun.ExecuteAsync(
            ["--Scoring:ModelPath", TrainedModel.Shared.Path, "--Kafka:BootstrapServers", broker.BootstrapServers], Write("dirty.jsonl", dirty));

        Assert.NotEmpty(cleanAlerts);
        Assert.Equal(SplitPipeline.Ids(cleanAlerts), SplitPipeline.Ids(dirtyRun.Alerts));
        Assert.Equal(clean.Count, dirtyRun.Trades);
        Assert.Equal(BadRecords.Length + 1, dirtyRun.Refused);

        var letters = DeadLetterTopic.Read(broker.BootstrapServers, topics.DeadLetters, BadRecords.Length + 1);
        var expected = BadRecords.Select(b => b.Reason).Append("duplicate_trade").Order().ToList();
        Assert.Equal(expected, letters.Select(l => l.Reason).Order().ToList());
        Assert.All(letters, l => Assert.Matches(@"^dirty\.jsonl:\d+$", l.Source));
        Assert.All(letters, l => Assert.True(l.Detail.Length > 0 && l.Raw.Length is > 0 and <= DeadLetter.MaxRawChars));
        Assert.Contains(letters, l => l.Reason == "invalid_field" && l.Detail.Contains("price"));
        Assert.Contains(letters, l => l.Reason == "invalid_field" && l.Detail.Contains("same account"));
        Assert.Equal(BadRecords.Length + 1, counted.Total);
        Assert.Equal(2, counted.Of("invalid_json"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
