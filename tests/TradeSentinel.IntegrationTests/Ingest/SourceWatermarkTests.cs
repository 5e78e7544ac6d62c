using System.IO.Pipelines;
using System.Text;
using Confluent.Kafka;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Streaming;
using TradeSentinel.Ingest;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Ingest;

/// <summary>A live feed that falls quiet does not hold its last trades back: its promise moves on with the wall clock.</summary>
// Serialised with the pipeline tests: they count the same dead-letter meter.
[Collection(PipelineCollection.Name)]
public sealed class SourceWatermarkTests
{
    [Theory]
    [InlineData(300, true)]
    [InlineData(0, false)] // replays: time is the file's alone
    public async Task A_quiet_live_feed_promises_past_its_last_trade_after_the_idle_time(long idleAfterMs, bool movesOn)
    {
        using var rig = new IngestRig(tradePartitions: 2);
        var options = new IngestOptions { AllowedLatenessMs = 500, TimeOutliersTolerated = 0, IdleAfterMs = idleAfterMs, WatermarkIntervalMs = 50 };
        using var worker = rig.Worker(options);
        var feed = new Pipe();
        var lastTs = 0L;
        for (var i = 1; i <= 20; i++)
            await feed.Writer.WriteAsync(Encoding.UTF8.GetBytes(IngestRig.Line($"Q{i}", lastTs = 1_672_207_200_000 + i * 1000)));
        var ingest = Task.Run(() => worker.Run(feed.Reader.AsStream(), "live", CancellationToken.None));

        await Task.Delay(2_500); // the feed is quiet
        var promised = HighestPromise(rig.Kafka, partition: 1);
        await feed.Writer.CompleteAsync();
        await ingest;

        Assert.Equal(movesOn, promised > lastTs);
        Assert.True(promised >= lastTs - options.AllowedLatenessMs, $"promised {promised}, last trade at {lastTs}");
    }

    [Fact]
    public void A_burst_of_glitched_timestamps_costs_at_most_the_unconfirmed_jump_of_valid_trades()
    {
        using var rig = new IngestRig(tradePartitions: 2);
        // One trade a second; 50 in a row stamped a day ahead (more than the 16 tolerated at once), then the feed goes on.
        using var worker = rig.Worker(new IngestOptions { IdleAfterMs = 0, MaxAheadOfWallClockMs = 0, MaxUnconfirmedJumpMs = 120_000 });
        const long start = 1_672_207_200_000;
        var feed = new StringBuilder();
        void Add(string id, long ts) => feed.Append(IngestRig.Line(id, ts));
        for (var i = 0; i < 300; i++) Add($"A{i}", start + i * 1000);
        for (var i = 0; i < 50; i++) Add($"G{i}", start + 86_400_000 + i);
        for (var i = 300; i < 900; i++) Add($"B{i}", start + i * 1000);

        worker.Run(new MemoryStream(Encoding.UTF8.GetBytes(feed.ToString())), "glitch", CancellationToken.None);

        // The jump is held to 2 minutes past what 256 records confirm: at most two minutes of trades
        // are late, not the 600 that follow (without the cap the clock would sit a day ahead).
        Assert.InRange(worker.Refused, 0, 120);
        Assert.Equal(950 - worker.Refused, worker.Produced);
    }

    private static long HighestPromise(KafkaClients kafka, int partition)
    {
        var config = kafka.Consumer($"test.{Guid.NewGuid():N}");
        using var consumer = new ConsumerBuilder<string?, byte[]>(config).Build();
        var topicPartition = new TopicPartition(kafka.Options.Topics.Trades, partition);
        // Up to what the partition holds now: a quiet live feed goes on promising every 50 ms, so
        // reading "until a second without records" could last minutes (it did: 3.5 to 8.7 in CI).
        var end = consumer.QueryWatermarkOffsets(topicPartition, TimeSpan.FromSeconds(10)).High.Value;
        consumer.Assign(new TopicPartitionOffset(topicPartition, Offset.Beginning));
        var highest = long.MinValue;
        while (end > 0 && consumer.Consume(TimeSpan.FromSeconds(10)) is { } record)
        {
            if (WatermarkRecords.TryRead(record, out var mark) && mark is not null) highest = Math.Max(highest, mark.Value);
            if (record.Offset.Value >= end - 1) break;
        }
        return highest;
    }
}
