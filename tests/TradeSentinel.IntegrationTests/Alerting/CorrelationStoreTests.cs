using TradeSentinel.Alerting;
using TradeSentinel.Core.EventTime;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Alerting;

/// <summary>The alerter's Redis windows and alert claims, against a real redis-server.</summary>
public sealed class CorrelationStoreTests : IDisposable
{
    private const long Minute = 60_000;
    private readonly LocalRedis _local = new();
    private readonly CorrelationStore _store;

    public CorrelationStoreTests() => _store = new CorrelationStore(_local.Connector);

    // The buy fill of a trade of its own at that time: tests that do not look within a millisecond.
    private static EventKey At(long ts) => new(ts, $"T{ts}", true);

    [Fact]
    public async Task A_window_counts_distinct_members_and_a_redelivered_fill_changes_nothing()
    {
        Assert.Equal(1, await _store.AddAsync("cp:B:victims", "V1", At(1_000), Minute));
        Assert.Equal(2, await _store.AddAsync("cp:B:victims", "V2", At(2_000), Minute));
        Assert.Equal(2, await _store.AddAsync("cp:B:victims", "V2", At(3_000), Minute)); // same victim, later
        Assert.Equal(2, await _store.AddAsync("cp:B:victims", "V2", At(3_000), Minute)); // redelivery
        Assert.Equal(["V1", "V2"], (await _store.MembersAsync("cp:B:victims", At(3_000), Minute)).Order());
    }

    [Fact]
    public async Task A_fill_redelivered_after_later_ones_sees_the_window_as_it_was_at_its_own_event_time()
    {
        await _store.AddAsync("cp:B:victims", "V1", At(1_000), Minute);
        Assert.Equal(2, await _store.AddAsync("cp:B:victims", "V2", At(2_000), Minute));
        Assert.Equal(3, await _store.AddAsync("cp:B:victims", "V3", At(5_000), Minute)); // processed, then the alerter crashed
        Assert.Equal(2, await _store.AddAsync("cp:B:victims", "V2", At(2_000), Minute)); // redelivered: V3 is not yet there
        Assert.Equal(["V1", "V2"], (await _store.MembersAsync("cp:B:victims", At(2_000), Minute)).Order());
    }

    [Fact]
    public async Task Members_come_with_when_they_last_appeared_as_of_the_fill_redelivered_or_not()
    {
        await _store.AddAsync("acct:V1:flags", "T1", At(1_000), Minute);
        await _store.AddAsync("acct:V1:flags", "T2", At(2_000), Minute);
        await _store.AddAsync("acct:V1:flags", "T1", At(3_000), Minute);
        Assert.Equal([("T2", 2_000L), ("T1", 3_000L)], await _store.TimedMembersAsync("acct:V1:flags", At(3_000), Minute)); // from the index
        Assert.Equal([("T1", 1_000L), ("T2", 2_000L)], await _store.TimedMembersAsync("acct:V1:flags", At(2_000), Minute)); // read again: the scan
    }

    [Fact]
    public async Task Members_leave_the_window_by_event_time_not_wall_clock()
    {
        await _store.AddAsync("app:X:accounts", "A1", At(1_000), Minute);
        await _store.AddAsync("app:X:accounts", "A2", At(50_000), Minute);
        Assert.Equal(3, await _store.AddAsync("app:X:accounts", "A3", At(60_500), Minute)); // A1 is 59.5 s old: in
        Assert.Equal(2, await _store.AddAsync("app:X:accounts", "A3", At(61_001), Minute)); // now 60.001 s: out
        Assert.DoesNotContain("A1", await _store.MembersAsync("app:X:accounts", At(61_001), Minute));
        // A member seen again after a gap longer than the window counts only from its new appearance.
        Assert.Equal(3, await _store.AddAsync("app:X:accounts", "A1", At(100_000), Minute));
    }

    [Fact]
    public async Task Windows_expire_and_trim_so_redis_memory_stays_bounded()
    {
        for (var i = 0; i < 10; i++) await _store.AddAsync("acct:A:flags", $"T{i}:buy", At(i * Minute), Minute);
        var key = _local.Connector.Options.KeyPrefix + "{acct:A:flags}";
        foreach (var k in new[] { key, key + ":latest" })
        {
            var ttl = await _store.Db.KeyTimeToLiveAsync(k);
            Assert.NotNull(ttl);
            Assert.InRange(ttl!.Value.TotalSeconds, 120, 180);
            // Entries older than two windows (what a redelivery could still need) are gone.
            Assert.Equal(3, await _store.Db.SortedSetLengthAsync(k));
        }
    }

    [Fact]
    public async Task A_member_seen_again_later_is_counted_by_its_appearances_when_a_fill_is_redelivered()
    {
        // One-minute windows. V1 appears at 1 s, 100 s and 210 s; V2 at 90 s; V3 at 200 s.
        await _store.AddAsync("cp:B:victims", "V1", At(1_000), Minute);
        await _store.AddAsync("cp:B:victims", "V2", At(90_000), Minute);
        Assert.Equal(2, await _store.AddAsync("cp:B:victims", "V1", At(100_000), Minute));
        await _store.AddAsync("cp:B:victims", "V3", At(200_000), Minute);
        Assert.Equal(2, await _store.AddAsync("cp:B:victims", "V1", At(210_000), Minute));     // V1 and V3; V2 left at 150 s
        // Redelivered: the latest-appearance index says V1 at 210 s and V3 at 200 s, both after this fill;
        // the answer must still be the one of 100 s: V1 (at 100 s) and V2.
        Assert.Equal(2, await _store.AddAsync("cp:B:victims", "V1", At(100_000), Minute));
        Assert.Equal(["V1", "V2"], (await _store.MembersAsync("cp:B:victims", At(100_000), Minute)).Order());
        Assert.Equal(["V2"], await _store.AddAndListAsync("cp:B:victims", "V2", At(90_000), Minute)); // V1's 1 s is 89 s old, its 100 s later
        // And the fast answer agrees with the scan when nothing later is there.
        Assert.Equal(["V1", "V3"], (await _store.MembersAsync("cp:B:victims", At(210_000), Minute)).Order());
    }

    [Fact]
    public async Task A_fill_read_again_does_not_see_the_fills_after_it_in_its_own_millisecond()
    {
        // Three fills of one millisecond, in event-time order: T1's buy, T1's sell, T10's buy
        // (trade ids compare as strings, and "T1" < "T10" < "T2").
        Assert.Equal(1, await _store.AddAsync("cp:B:victims", "V1", new(5_000, "T1", true), Minute));
        Assert.Equal(2, await _store.AddAsync("cp:B:victims", "V2", new(5_000, "T1", false), Minute));
        Assert.Equal(3, await _store.AddAsync("cp:B:victims", "V3", new(5_000, "T10", true), Minute));
        // Redelivered after all three: each sees what it saw the first time.
        Assert.Equal(["V1"], await _store.AddAndListAsync("cp:B:victims", "V1", new(5_000, "T1", true), Minute));
        Assert.Equal(2, await _store.AddAsync("cp:B:victims", "V2", new(5_000, "T1", false), Minute));
        Assert.Equal(["V1", "V2", "V3"], (await _store.MembersAsync("cp:B:victims", new(5_000, "T10", true), Minute)).Order());
        // A fill later in the millisecond sees them all, and one earlier none of them.
        Assert.Equal(3, (await _store.MembersAsync("cp:B:victims", new(5_000, "T2", true), Minute)).Length);
        Assert.Empty(await _store.MembersAsync("cp:B:victims", new(5_000, "T0", false), Minute));
    }

    [Fact]
    public async Task A_fill_read_again_lists_the_members_in_the_order_it_listed_them_the_first_time()
    {
        // The order is the evidence's: a beneficiary's record lists its victims by it.
        await _store.AddAsync("cp:B:victims", "V1", At(50_000), Minute);
        await _store.AddAsync("cp:B:victims", "V2", At(60_000), Minute);
        var first = await _store.AddAndListAsync("cp:B:victims", "V1", At(70_000), Minute);
        Assert.Equal(["V2", "V1"], first); // by latest appearance
        await _store.AddAsync("cp:B:victims", "V3", At(80_000), Minute);
        Assert.Equal(first, await _store.AddAndListAsync("cp:B:victims", "V1", At(70_000), Minute)); // read again: the scan
    }

    [Fact]
    public async Task Appearances_written_before_an_upgrade_still_count_until_they_age_out()
    {
        // The previous version wrote "member@ts" and indexed it; an alerter upgraded mid-window reads them.
        var key = _local.Connector.Options.KeyPrefix + "{cp:B:victims}";
        await _store.Db.SortedSetAddAsync(key, "V0@4000", 4_000);
        await _store.Db.SortedSetAddAsync(key + ":latest", "V0", 4_000);
        await _store.AddAsync("cp:B:victims", "V1", At(5_000), Minute);
        Assert.Equal(["V0", "V1"], (await _store.MembersAsync("cp:B:victims", At(5_000), Minute)).Order());
        Assert.Equal(["V0"], await _store.MembersAsync("cp:B:victims", At(4_500), Minute)); // read again: the scan
        // An old entry counts as first in its millisecond, wherever its bytes sort it among the new ones.
        await _store.Db.SortedSetAddAsync(key, "Z0@6000", 6_000);
        await _store.Db.SortedSetAddAsync(key + ":latest", "Z0", 6_000);
        await _store.AddAsync("cp:B:victims", "V8", new(6_000, "T1", true), Minute);
        await _store.AddAsync("cp:B:victims", "V9", new(6_000, "T9", true), Minute);
        Assert.Equal(["V0", "V1", "V8", "Z0"], (await _store.MembersAsync("cp:B:victims", new(6_000, "T1", true), Minute)).Order());
    }

    [Fact]
    public async Task An_alert_id_belongs_to_the_trade_that_decided_it()
    {
        Assert.True(await _store.ClaimAsync("rk:K1:high", "T1", 3_600_000));
        // The same trade again: a redelivery whose first output was never committed.
        Assert.True(await _store.ClaimAsync("rk:K1:high", "T1", 3_600_000));
        // Any later trade reaching the same decision repeats it: not produced again.
        Assert.False(await _store.ClaimAsync("rk:K1:high", "T7", 3_600_000));
        Assert.True(await _store.ClaimAsync("rk:K1:critical", "T7", 3_600_000)); // an escalation is a new id
    }

    [Fact]
    public async Task The_two_fills_of_a_trade_meet_whichever_arrives_first()
    {
        // Buy side first (the victim bought from the beneficiary).
        Assert.Null(await _store.MeetAsync("T1", "victim", "0.97|m1", "winner", Minute));
        Assert.Equal("0.97|m1", await _store.MeetAsync("T1", "winner", "1", "victim", Minute));
        // Sell side first (the victim sold to the beneficiary): the victim's fill now sees the winner.
        Assert.Null(await _store.MeetAsync("T2", "winner", "1", "victim", Minute));
        Assert.Equal("1", await _store.MeetAsync("T2", "victim", "0.95|m1", "winner", Minute));
        // Re-read after a crash or an aborted transaction, the first fill still sees nothing and the second
        // the same as before: the decision stays with the fill that made it, so its record is the same.
        Assert.Null(await _store.MeetAsync("T1", "victim", "0.97|m1", "winner", Minute));
        Assert.Equal("0.97|m1", await _store.MeetAsync("T1", "winner", "1", "victim", Minute));
        Assert.Null(await _store.MeetAsync("T2", "winner", "1", "victim", Minute));
        // Trades do not see each other, and the record expires.
        Assert.Null(await _store.MeetAsync("T3", "winner", "1", "victim", Minute));
        Assert.InRange((await _store.Db.KeyTimeToLiveAsync(_local.Connector.Options.KeyPrefix + "trade:T1"))!.Value.TotalMilliseconds, 1, Minute);
    }

    public void Dispose() => _local.Dispose();
}
