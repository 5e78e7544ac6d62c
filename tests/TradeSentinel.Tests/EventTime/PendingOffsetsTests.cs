using TradeSentinel.Core.EventTime;

namespace TradeSentinel.Tests.EventTime;

/// <summary>The committable offset is always the lowest one not yet handed out, whatever order they leave in.</summary>
public class PendingOffsetsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_minimum_matches_a_sorted_set_of_what_is_still_pending(int seed)
    {
        var random = new Random(seed);
        var pending = new PendingOffsets();
        var model = new SortedSet<long>();
        var next = 0L;
        for (var step = 0; step < 20_000; step++)
        {
            if (model.Count == 0 || random.NextDouble() < 0.55)
            {
                next += 1 + random.Next(3); // offsets skipped by watermarks and dead letters leave gaps
                pending.Add(next);
                model.Add(next);
            }
            else
            {
                // Mostly the oldest leaves first; sometimes one from further back in the partition.
                var index = random.NextDouble() < 0.7 ? 0 : random.Next(model.Count);
                var offset = model.ElementAt(index);
                pending.Remove(offset);
                model.Remove(offset);
            }
            Assert.Equal(model.Count == 0 ? null : model.Min, pending.Min);
        }
    }

    [Fact]
    public void An_offset_read_again_below_the_last_keeps_the_order()
    {
        var pending = new PendingOffsets();
        pending.Add(10);
        pending.Add(11);
        pending.Remove(10);
        pending.Add(5);
        Assert.Equal(5, pending.Min);
        pending.Remove(5);
        Assert.Equal(11, pending.Min);
        pending.Remove(11);
        Assert.Null(pending.Min);
    }
}
