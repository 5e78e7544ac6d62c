using TradeSentinel.Alerting;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Alerting;

/// <summary>The alerter's Redis windows and alert claims, against a real redis-server.</summary>
public sealed class CorrelationStoreTests : IDisposable
{
    private readonly LocalRedis _local = new();
    private readonly CorrelationStore _store;

    public CorrelationStoreTests() => _store = new CorrelationStore(_local.Connector);

    [Fact]
    public async Task A_window_counts_distinct_members_and_a_redelivered_fill_changes_nothing()
    {
        Assert.Equal(1, (long)await _store.AddAsync("cp:B:victims", "V1", 1_000, 60_000));
        Assert.Equal(2, (long)await _store.AddAsync("cp:B:victims", "V2", 2_000, 60_000));
        Assert.Equal(2, (long)await _store.AddAsync("cp:B:victims", "V1", 1_000, 60_000)); // redelivery
        Assert.Equal(2, (long)await _store.AddAsync("cp:B:victims", "V2", 3_000, 60_000)); // same victim, later
        Assert.Equal(["V1", "V2"], (await _store.MembersAsync("cp:B:victims")).Order());
    }

    [Fact]
    public async Task Members_leave_the_window_by_event_time_not_wall_clock()
    {
        await _store.AddAsync("app:X:accounts", "A1", 1_000, 60_000);
        await _store.AddAsync("app:X:accounts", "A2", 50_000, 60_000);
        Assert.Equal(3, (long)await _store.AddAsync("app:X:accounts", "A3", 60_500, 60_000)); // A1 is 59.5 s old: in
        Assert.Equal(2, (long)await _store.AddAsync("app:X:accounts", "A3", 61_001, 60_000)); // now 60.001 s: out
        Assert.DoesNotContain("A1", await _store.MembersAsync("app:X:accounts"));
    }

    [Fact]
    public async Task Windows_expire_so_redis_memory_stays_bounded()
    {
        await _store.AddAsync("acct:A:flags", "T1:buy", 1_000, 60_000);
        var ttl = await _store.Db.KeyTimeToLiveAsync(_local.Connector.Options.KeyPrefix + "acct:A:flags");
        Assert.NotNull(ttl);
        Assert.InRange(ttl!.Value.TotalSeconds, 60, 120);
    }

    [Fact]
    public async Task An_alert_id_is_claimed_once_and_stays_claimable_until_marked_sent()
    {
        Assert.True(await _store.ClaimAsync("rk:K1:high", 3_600_000));
        // Not yet confirmed delivered (e.g. the alerter died before its producer flushed): may be produced again.
        Assert.True(await _store.ClaimAsync("rk:K1:high", 3_600_000));
        await _store.MarkSentAsync(["rk:K1:high"], 3_600_000);
        Assert.False(await _store.ClaimAsync("rk:K1:high", 3_600_000));
        Assert.True(await _store.ClaimAsync("rk:K1:critical", 3_600_000)); // an escalation is a new id
    }

    public void Dispose() => _local.Dispose();
}
