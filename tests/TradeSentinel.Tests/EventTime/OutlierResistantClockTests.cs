using TradeSentinel.Core.EventTime;

namespace TradeSentinel.Tests.EventTime;

public class OutlierResistantClockTests
{
    private const long Day = 86_400_000;

    private static OutlierResistantClock Steady(long from, int records, int tolerated = 8, int forgetAfter = 10_000)
    {
        var clock = new OutlierResistantClock(tolerated, forgetAfter);
        for (var i = 0; i < records; i++) clock.Observe(from + i * 100);
        return clock;
    }

    [Fact]
    public void A_steady_stream_is_where_its_ninth_newest_record_is()
    {
        var clock = new OutlierResistantClock(tolerated: 8);
        for (var i = 0; i < 8; i++) clock.Observe(1_000 + i);
        Assert.Equal(long.MinValue, clock.Now); // not enough records to say yet
        clock.Observe(1_008);
        Assert.Equal(1_000, clock.Now);
        for (var i = 9; i < 1_000; i++) clock.Observe(1_000 + i);
        Assert.Equal(1_999 - 8, clock.Now);
    }

    // An outlier takes a top place, so the clock reads one record newer than before: still a time
    // the stream itself has reached, never the outlier's.
    [Fact]
    public void A_record_stamped_a_day_ahead_does_not_move_the_clock_past_the_stream()
    {
        var clock = Steady(1_000_000, 100);
        var newest = 1_000_000 + 99 * 100;
        clock.Observe(1_000_000 + Day);
        Assert.InRange(clock.Now, newest - 8 * 100, newest);
        clock.Observe(newest + 100);
        Assert.InRange(clock.Now, newest - 8 * 100, newest + 100);
    }

    [Fact]
    public void As_many_outliers_as_tolerated_do_not_move_the_clock_past_the_stream_and_one_more_record_there_moves_it()
    {
        var clock = Steady(1_000_000, 100);
        var newest = 1_000_000 + 99 * 100;
        for (var i = 0; i < 8; i++) clock.Observe(1_000_000 + Day + i);
        Assert.Equal(newest, clock.Now);
        // A ninth record a day ahead: the feed really jumped (e.g. it resumed after a gap).
        clock.Observe(1_000_000 + Day + 8);
        Assert.Equal(1_000_000 + Day, clock.Now);
    }

    [Fact]
    public void Outliers_spread_over_a_long_feed_never_add_up_to_a_jump()
    {
        // One record a day ahead every 3,000 records: 40 of them over the feed, 8 tolerated at once.
        var clock = new OutlierResistantClock(tolerated: 8, forgetAfter: 10_000);
        long ts = 1_000_000;
        for (var i = 1; i <= 120_000; i++)
        {
            clock.Observe(i % 3_000 == 0 ? ts + Day : ts += 10);
            Assert.True(clock.Now <= ts, $"record {i}: the clock jumped to {clock.Now}, the stream is at {ts}");
        }
        Assert.True(clock.Now >= ts - 100 * 10, $"the clock fell behind the stream: {clock.Now} against {ts}");
    }

    [Fact]
    public void Records_from_later_in_the_feed_placed_early_wait_for_the_stream_without_moving_it()
    {
        var clock = Steady(1_000_000, 100);
        for (var i = 0; i < 5; i++) clock.Observe(1_000_000 + 900_000 + i); // 15 minutes ahead
        Assert.InRange(clock.Now, 1_000_000 + 91 * 100, 1_000_000 + 99 * 100);
        for (var i = 100; i < 10_000; i++) clock.Observe(1_000_000 + i * 100);
        Assert.Equal(1_000_000 + (9_999 - 8) * 100, clock.Now); // the stream passed them: they are ordinary records now
    }

    [Fact]
    public void The_clock_never_goes_back()
    {
        var random = new Random(7);
        var clock = new OutlierResistantClock(tolerated: 3, forgetAfter: 50);
        var last = long.MinValue;
        long ts = 0;
        for (var i = 0; i < 50_000; i++)
        {
            ts += random.Next(0, 20);
            var jitter = random.Next(100) switch { < 2 => Day, < 10 => -random.Next(5_000), _ => random.Next(50) };
            clock.Observe(ts + jitter);
            Assert.True(clock.Now >= last);
            last = clock.Now;
        }
    }

    // The clock looks for places to give up only when one can be due, and shifts its places in bulk;
    // it must read exactly as the rule it implements, record by record, whatever the stream.
    [Theory]
    [InlineData(3, 50, 1)]
    [InlineData(8, 200, 2)]
    [InlineData(256, 2_560, 3)]
    public void Reads_as_the_rule_says_record_by_record(int tolerated, int forgetAfter, int seed)
    {
        var random = new Random(seed);
        var clock = new OutlierResistantClock(tolerated, forgetAfter);
        var rule = new RuleAsWritten(tolerated, forgetAfter);
        long ts = 1_000_000;
        for (var i = 0; i < 30_000; i++)
        {
            ts += random.Next(0, 3); // many records share a millisecond
            var record = random.Next(1_000) switch
            {
                < 3 => ts + Day + random.Next(1_000), // far ahead
                < 40 => ts - random.Next(10_000), // late
                < 45 => ts + random.Next(500), // a little ahead
                _ => ts,
            };
            clock.Observe(record);
            rule.Observe(record);
            Assert.True(rule.Now == clock.Now && rule.Floor == clock.Floor,
                $"record {i}: the clock reads {clock.Now} (floor {clock.Floor}), the rule {rule.Now} (floor {rule.Floor})");
        }
    }

    /// <summary>The rule in its plainest form: every place looked at, at every record.</summary>
    private sealed class RuleAsWritten(int tolerated, int forgetAfter)
    {
        private readonly List<(long Ts, long TakenAt)> _places = [];
        private long _records;

        public long Now => _places.Count <= tolerated ? long.MinValue : _places[0].Ts;
        public long Floor => _places.Count == 0 ? long.MinValue : _places[0].Ts;

        public void Observe(long ts)
        {
            _records++;
            if (_places.Count <= tolerated)
            {
                _places.Add((ts, _records));
                _places.Sort((a, b) => a.Ts.CompareTo(b.Ts));
                return;
            }
            var floor = _places[0].Ts;
            for (var i = 1; i < _places.Count; i++)
                if (_places[i].Ts > floor && _records - _places[i].TakenAt > forgetAfter) _places[i] = (floor, _records);
            _places.Sort((a, b) => a.Ts.CompareTo(b.Ts));
            if (ts <= _places[0].Ts) return;
            _places[0] = (ts, _records);
            _places.Sort((a, b) => a.Ts.CompareTo(b.Ts));
        }
    }
}
