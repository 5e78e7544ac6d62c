using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Streaming;
using TradeSentinel.Infrastructure.Telemetry;
using TradeSentinel.Ingest;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Ingest;

/// <summary>
/// A venue topic's partitions are read at different speeds: ingest's promise never passes a partition
/// that is still behind (its trades would be refused as late), and a partition read to its end holds nothing back.
/// </summary>
public sealed class PartitionLaneTests
{
    private const long Start = 1_672_207_200_000;

    [Fact]
    public void The_promise_follows_the_slowest_partition_still_reading_and_ignores_one_that_caught_up()
    {
        using var rig = new IngestRig();
        var options = new IngestOptions { AllowedLatenessMs = 2_000, IdleAfterMs = 0, TimeOutliersTolerated = 0, WatermarkEvery = 1, WatermarkIntervalMs = 1 };
        using var producer = new ProducerBuilder<string?, byte[]>(rig.Kafka.Producer("lanes")).Build();
        var context = new StageContext(rig.Kafka, new SentinelMetrics(), NullLoggerFactory.Instance);
        using var watermark = new SourceWatermark(options, context, producer, new DeliveryWatch(context.Metrics, "ingest"));

        watermark.Assigned(0);
        watermark.Assigned(1);
        for (var s = 0; s <= 600; s++) watermark.Observe(Start + s * 1000, lane: 0); // partition 0 read ten minutes ahead
        Assert.Equal(long.MinValue, watermark.Value); // partition 1 has not said where it is: nothing is promised

        for (var s = 0; s <= 30; s++) watermark.Observe(Start + s * 1000, lane: 1);
        Assert.Equal(Start + 30_000 - options.AllowedLatenessMs, watermark.Value); // partition 1's time, not partition 0's

        watermark.CaughtUp(1); // partition 1 has nothing more: its next trade is new
        Assert.Equal(Start + 600_000 - options.AllowedLatenessMs, watermark.Value);

        watermark.Observe(Start + 601_000, lane: 1);
        watermark.Revoked(1);
        Assert.Equal(Start + 600_000 - options.AllowedLatenessMs, watermark.Value); // a promise is never taken back
        producer.Flush(TimeSpan.FromSeconds(10));
    }
}
