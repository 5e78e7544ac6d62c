using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using TradeSentinel.Core;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Telemetry;
using TradeSentinel.Tests.Fixtures;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tests.Integration;

/// <summary>Bad records go to the dead-letter topic with their reason and a metric; the stream around them is unaffected.</summary>
[Collection(PipelineCollection.Name)]
public sealed class DeadLetterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-dlq-").FullName;

    /// <summary>The corpus of tests/data/bad-records (one file per case, named by its reason), a duplicate and a 10 MB line.</summary>
    private static List<(byte[] Line, string Reason, string Case)> BadRecords(IReadOnlyList<string> clean)
    {
        var corpus = Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests/data/bad-records"), "*.jsonl").Order()
            .Select(f => (File.ReadAllBytes(f).AsSpan().TrimEnd((byte)'\n').ToArray(), Path.GetFileNameWithoutExtension(f).Split("--")[0], Path.GetFileName(f)))
            .ToList();
        corpus.Add((Encoding.UTF8.GetBytes(clean[4000]), "duplicate_trade", "a trade_id seen before"));
        corpus.Add((Encoding.UTF8.GetBytes("{\"trade_id\":\"" + new string('x', 10 * 1024 * 1024) + "\"}"), "too_large", "a 10 MB line"));
        return corpus;
    }

    [Fact]
    public async Task Every_record_of_the_bad_record_corpus_is_dead_lettered_with_its_reason_and_counted_and_the_alerts_are_unchanged()
    {
        var clean = AttackStretch.Lines();
        var bad = BadRecords(clean);
        Assert.True(bad.Count is >= 25 and <= 39, $"{bad.Count} bad records; the stretch has room for 39");
        var path = Path.Combine(_dir, "dirty.jsonl");
        using (var file = File.Create(path))
            for (var i = 0; i < clean.Count; i++)
            {
                if (i > 4000 && (i - 4000) % 100 == 0 && (i - 4000) / 100 <= bad.Count) file.Write([.. bad[(i - 4000) / 100 - 1].Line, (byte)'\n']);
                file.Write(Encoding.UTF8.GetBytes(clean[i] + "\n"));
            }
        using var counted = new CounterRecorder("sentinel.dead_letters", label: "reason");

        var cleanAlerts = await UndisturbedStretch.AlertsAsync();
        using var broker = new EmbeddedKafkaCluster();
        var topics = broker.CreatePipelineTopics(4);
        var dirtyRun = await PipelineRun.ExecuteAsync(
            ["--Scoring:ModelPath", TrainedModel.Shared.Path, "--Kafka:BootstrapServers", broker.BootstrapServers], path);

        Assert.NotEmpty(cleanAlerts);
        Assert.Equal(AlertRecords.Json(cleanAlerts), AlertRecords.Json(dirtyRun.Alerts));
        Assert.Equal(clean.Count, dirtyRun.Trades);
        Assert.Equal(bad.Count, dirtyRun.Refused);

        var letters = DeadLetterTopic.Read(broker.BootstrapServers, topics.DeadLetters, bad.Count);
        // In file order, each letter carries the reason its corpus file is named after.
        var inOrder = letters.OrderBy(l => int.Parse(l.Source.Split(':')[1])).ToList();
        Assert.Equal(bad.Select(b => $"{b.Case}: {b.Reason}"), bad.Zip(inOrder, (b, l) => $"{b.Case}: {l.Reason}"));
        Assert.All(letters, l => Assert.Matches(@"^dirty\.jsonl:\d+$", l.Source));
        Assert.All(letters, l => Assert.True(l.Detail.Length > 0 && l.Raw.Length is > 0 and <= DeadLetter.MaxRawChars));
        Assert.Contains(letters, l => l.Reason == "invalid_field" && l.Detail.Contains("price"));
        Assert.Contains(letters, l => l.Reason == "invalid_field" && l.Detail.Contains("same account"));
        Assert.Contains(letters, l => l.Reason == "invalid_field" && l.Detail.Contains("buyer.api_key_id has U+001F"));
        Assert.Contains(letters, l => l.Reason == "value_out_of_range" && l.Detail.Contains("qty"));
        Assert.Equal(bad.Count, counted.Total);
        Assert.Equal(bad.Count(b => b.Reason == "invalid_json"), counted.Of("invalid_json"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
