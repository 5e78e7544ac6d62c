using System.Text;
using TradeSentinel.Ingest;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Ingest;

/// <summary>The contract makes trade_id unique per exchange: the same id from two venues is two trades.</summary>
// Serialised with the pipeline tests: they count the same dead-letter meter.
[Collection(PipelineCollection.Name)]
public sealed class DuplicateTradeTests
{
    [Fact]
    public void A_trade_id_seen_again_is_a_duplicate_only_on_the_same_exchange()
    {
        using var rig = new IngestRig();
        using var worker = rig.Worker(new IngestOptions { IdleAfterMs = 0, MaxAheadOfWallClockMs = 0 });
        var feed = IngestRig.Line("T1", 1_672_207_200_000, "venue-a") + IngestRig.Line("T1", 1_672_207_200_001, "venue-b")
            + IngestRig.Line("T1", 1_672_207_200_002, "venue-a");

        worker.Run(new MemoryStream(Encoding.UTF8.GetBytes(feed)), "two-venues", CancellationToken.None);

        Assert.Equal(2, worker.Produced);
        Assert.Equal(1, worker.Refused);
    }
}
