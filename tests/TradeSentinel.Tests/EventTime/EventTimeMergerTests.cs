using TradeSentinel.Core.EventTime;

namespace TradeSentinel.Tests.EventTime;

public class EventTimeMergerTests
{
    private static EventKey Key(long ts, string id) => new(ts, id, true);

    [Fact]
    public void Nothing_is_released_until_every_source_of_every_partition_has_promised()
    {
        var merger = new EventTimeMerger<string>();
        merger.Assign(0);
        merger.Assign(1);
        merger.Add(0, 0, Key(10, "a"), "a");
        merger.Observe(0, 1, new Watermark(100, Source: 0, Sources: 2));
        var released = new List<string>();
        merger.Release(released);
        Assert.Empty(released);
        merger.Observe(0, 2, new Watermark(100, Source: 1, Sources: 2));
        merger.Release(released);
        Assert.Empty(released); // partition 1 has said nothing yet
        merger.Observe(1, 0, new Watermark(50, Source: 0, Sources: 1));
        merger.Release(released);
        Assert.Equal(["a"], released);
    }

    [Fact]
    public void Records_from_several_partitions_come_out_in_one_event_time_order_whatever_the_arrival_order()
    {
        var merger = new EventTimeMerger<string>();
        merger.Assign(0);
        merger.Assign(1);
        merger.Add(1, 0, Key(30, "T3"), "T3");
        merger.Add(0, 0, Key(20, "T2"), "T2");
        merger.Add(1, 1, Key(10, "T1"), "T1");
        merger.Add(0, 1, Key(20, "T0"), "T0");
        merger.Observe(0, 2, new Watermark(25, 0, 1));
        merger.Observe(1, 2, new Watermark(1000, 0, 1));
        var released = new List<string>();
        merger.Release(released);
        Assert.Equal(["T1", "T0", "T2"], released); // T3 (ts 30) waits for partition 0's promise to pass it
        Assert.Equal(1, merger.Buffered);
    }

    [Fact]
    public void The_commit_offset_never_passes_a_record_still_buffered()
    {
        var merger = new EventTimeMerger<string>();
        merger.Assign(0);
        merger.Add(0, 5, Key(50, "late"), "late");
        merger.Add(0, 6, Key(10, "early"), "early");
        merger.Observe(0, 7, new Watermark(20, 0, 1));
        merger.Release([]);
        Assert.Equal(5, merger.CommitOffset(0)); // offset 6 is done, but 5 is not
        merger.Observe(0, 8, new Watermark(60, 0, 1));
        merger.Release([]);
        Assert.Equal(9, merger.CommitOffset(0));
    }

    [Fact]
    public void A_revoked_partition_drops_its_buffered_records()
    {
        var merger = new EventTimeMerger<string>();
        merger.Assign(0);
        merger.Assign(1);
        merger.Add(0, 0, Key(10, "keep"), "keep");
        merger.Add(1, 0, Key(5, "drop"), "drop");
        merger.Revoke(1);
        merger.Observe(0, 1, new Watermark(Watermark.EndOfStream, 0, 1));
        var released = new List<string>();
        merger.Release(released);
        Assert.Equal(["keep"], released);
    }

    [Fact]
    public void Stale_promises_do_not_move_a_watermark_back()
    {
        var tracker = new WatermarkTracker();
        tracker.Observe(0, new Watermark(100, 0, 1));
        tracker.Observe(0, new Watermark(40, 0, 1));
        Assert.Equal(100, tracker.Of(0));
    }
}
