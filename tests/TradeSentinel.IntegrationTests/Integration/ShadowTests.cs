using System.Text.Json;
using Confluent.Kafka;
using TradeSentinel.Alerting.Suppression;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Service;
using TradeSentinel.Tests.Fixtures;
using TradeSentinel.Tools.Commands;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tests.Integration;

/// <summary>
/// <c>sentinel shadow</c>: a candidate beside the live model on one broker and one Redis, each run in its
/// own namespace; what it reports gained and lost is what the two models' own replays differ by.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ShadowTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-shadow-").FullName;

    [Fact]
    public async Task Shadow_reports_the_subjects_the_two_models_replays_differ_by_and_publishes_them_keyed_by_the_candidate()
    {
        var stream = AttackStretch.WriteTo(_dir);
        var liveAlone = await PipelineRun.ExecuteAsync(["--Scoring:ModelPath", TrainedModel.Shared.Path], stream);
        var candidateAlone = await PipelineRun.ExecuteAsync(["--Scoring:ModelPath", CandidateModel.Shared.Path], stream);
        var liveSubjects = liveAlone.Alerts.Select(SuppressionSubject.Of).ToHashSet();
        var candidateSubjects = candidateAlone.Alerts.Select(SuppressionSubject.Of).ToHashSet();
        Assert.NotEqual(liveSubjects, candidateSubjects); // else the comparison below proves nothing

        using var broker = new EmbeddedKafkaCluster();
        var topics = broker.CreatePipelineTopics(3);
        // The dev broker cannot create topics on request: the runs' namespaces are made here, as an operator may for ACLs.
        foreach (var topic in topics.For("t-live").All.Concat(topics.For("t-candidate").All)) broker.CreateTopic(topic, 3);
        using var redis = new LocalRedis();
        var output = Path.Combine(_dir, "diff.json");
        var exit = await ShadowCommand.RunAsync(
        [
            "shadow", "--model", CandidateModel.Shared.Path, "--input", stream, "--Scoring:ModelPath", TrainedModel.Shared.Path, "--out", output, "--run", "t",
            "--Kafka:BootstrapServers", broker.BootstrapServers, "--Kafka:FetchWaitMaxMs", EmbeddedKafkaCluster.FetchWaitMaxMs.ToString(),
            "--Redis:Configuration", redis.Server.Configuration,
        ], CancellationToken.None);

        Assert.Equal(ExitCodes.Ok, exit);
        var diff = JsonSerializer.Deserialize(File.ReadAllText(output), SentinelJson.Default.ShadowDiff)!;
        Assert.Equal(liveAlone.ModelVersion, diff.LiveModelVersion);
        Assert.Equal(candidateAlone.ModelVersion, diff.CandidateModelVersion);
        Assert.Equal(candidateSubjects.Except(liveSubjects).Order(StringComparer.Ordinal), diff.Gained.Select(s => s.Subject).Order(StringComparer.Ordinal));
        Assert.Equal(liveSubjects.Except(candidateSubjects).Order(StringComparer.Ordinal), diff.Lost.Select(s => s.Subject).Order(StringComparer.Ordinal));
        Assert.Equal(liveSubjects.Intersect(candidateSubjects).Order(StringComparer.Ordinal), diff.Kept);

        var published = Read(broker, topics.Shadow);
        var record = Assert.Single(published);
        Assert.Equal(diff.CandidateModelVersion, record.Key);
        Assert.Equal(File.ReadAllText(output).TrimEnd('\n'), record.Value);
        // Each run in its own namespace: the shared broker's usual topics got nothing from either.
        Assert.Empty(Read(broker, topics.Alerts));
        Assert.Empty(Read(broker, topics.Trades));
    }

    [Fact]
    public async Task A_missing_candidate_is_a_one_line_usage_error()
    {
        using var command = new SentinelCommand("shadow", "--model", Path.Combine(_dir, "nope.zip"), "--input", RepoPaths.Sample("benign.trades.jsonl.gz"));
        Assert.True(command.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal(ExitCodes.Usage, command.ExitCode);
        Assert.Equal($"sentinel: candidate model {Path.Combine(_dir, "nope.zip")} not found", command.Output.Trim());
    }

    private static List<(string Key, string Value)> Read(EmbeddedKafkaCluster broker, string topic)
    {
        var kafka = broker.Clients();
        var config = kafka.Consumer($"test.{Guid.NewGuid():N}");
        config.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        var partitions = Enumerable.Range(0, TopicProvisioner.PartitionCount(kafka, topic)).Select(p => new TopicPartition(topic, p)).ToList();
        var ends = partitions.ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var read = new List<(string, string)>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (ends.Any(e => e.Value > 0 && consumer.Position(e.Key).Value < e.Value) && DateTime.UtcNow < deadline)
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: { } message }) read.Add((message.Key, message.Value));
        consumer.Close();
        return read;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
