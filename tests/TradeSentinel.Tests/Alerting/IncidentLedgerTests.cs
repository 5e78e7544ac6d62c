using TradeSentinel.Alerting;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Alerting;

/// <summary>
/// Incidents in event time: a subject's recommendations belong to one incident while they keep
/// coming within the gap, a subject that comes back later is a new incident, and what is open can
/// be asked (a key's record is covered by its app's open revocation).
/// </summary>
public sealed class IncidentLedgerTests : IDisposable
{
    private const long Hour = 3_600_000;
    private const long Gap = 24 * Hour;
    private readonly LocalRedis _local = new();
    private readonly IncidentLedger _ledger;

    public IncidentLedgerTests() => _ledger = new IncidentLedger(new CorrelationStore(_local.Connector));

    [Fact]
    public async Task A_subject_that_comes_back_after_the_gap_is_a_new_incident_and_a_redelivery_changes_nothing()
    {
        var first = await _ledger.JoinAsync("fa:beneficiary:A9001", "T1", 1 * Hour, Gap);
        var escalation = await _ledger.JoinAsync("fa:beneficiary:A9001", "T2", 3 * Hour, Gap);
        var redelivered = await _ledger.JoinAsync("fa:beneficiary:A9001", "T1", 1 * Hour, Gap);
        var weekLater = await _ledger.JoinAsync("fa:beneficiary:A9001", "T9", 3 * Hour + 7 * 24 * Hour, Gap);

        Assert.Equal(("fa:beneficiary:A9001:T1", 1), (first.Id, first.Number));
        Assert.Equal(first, escalation);
        Assert.Equal(first, redelivered);
        Assert.Equal(("fa:beneficiary:A9001:T9", 2), (weekLater.Id, weekLater.Number));
    }

    [Fact]
    public async Task The_gap_is_counted_from_the_last_recommendation_in_event_time_not_from_the_first()
    {
        for (var h = 0; h <= 48; h += 12) await _ledger.JoinAsync("rk:K1", $"T{h}", h * Hour, Gap);
        Assert.Equal("rk:K1:T0", (await _ledger.JoinAsync("rk:K1", "T60", 60 * Hour, Gap)).Id); // 12 h after the last one
    }

    [Fact]
    public async Task An_open_incident_can_be_asked_for_until_the_gap_has_passed()
    {
        Assert.Null(await _ledger.OpenAsync("ra:app-3c", 1 * Hour, Gap));
        await _ledger.JoinAsync("ra:app-3c", "T5", 2 * Hour, Gap);
        Assert.Equal("ra:app-3c:T5", await _ledger.OpenAsync("ra:app-3c", 3 * Hour, Gap));
        Assert.Null(await _ledger.OpenAsync("ra:app-3c", 2 * Hour + Gap + 1, Gap));
    }

    public void Dispose() => _local.Dispose();
}
