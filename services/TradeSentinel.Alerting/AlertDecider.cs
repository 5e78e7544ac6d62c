using TradeSentinel.Alerting.Suppression;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.EventTime;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Core.Validation;
using TradeSentinel.Infrastructure.Redis;

namespace TradeSentinel.Alerting;

/// <summary>
/// Decides the freeze recommendations of a batch of tagged fills, in the batch's event-time order,
/// with every Redis call of the batch pipelined: the window updates of all fills go out at once,
/// then the claims of all decisions. Redis runs one connection's commands in the order they were
/// sent, and every window answers as of its fill's event time, so the outcome is the one of
/// handling the fills one by one, at two round trips per batch instead of two per flagged fill.
/// </summary>
/// <param name="suppressions">Subjects analysts dismissed: their recommendations are neither claimed nor produced while suppressed.</param>
public sealed class AlertDecider(CorrelationStore store, AlertingOptions options, SuppressionList? suppressions = null)
{
    private const string VictimRole = "victim";
    private const string WinnerRole = "winner";

    private readonly AlertPolicy _policy = new(options);
    private readonly IncidentLedger _incidents = new(store);
    private readonly List<Pending> _pending = [];
    private readonly List<(FreezeRecommendation Alert, Task<bool> Claimed)> _claims = [];

    /// <summary>The recommendations the last batch withheld because their subject is suppressed (counted, never silently dropped).</summary>
    public List<FreezeRecommendation> Suppressed { get; } = [];

    private long WindowMs => options.WindowMinutes * 60_000L;
    private long CooldownMs => options.CooldownHours * 3_600_000L;
    private long IncidentGapMs => options.IncidentGapMinutes * 60_000L;

    // One fill's Redis answers, requested but not yet awaited. AccountTrades: the account's flagged
    // trades in the window, or for an unflagged loss that counts as paid, its paid losses.
    private sealed record Pending(ScoredFill Scored, Task<string[]>? AccountTrades, Task<string[]> CounterpartyVictims, Task<long>? AppAccounts,
        Task<long>? AllVictims, Task<string?>? Met);

    /// <summary>
    /// The recommendations the batch decides and owns, in order, each at most once: not those
    /// <paramref name="alreadyProduced"/> knows, nor those another trade claimed before.
    /// </summary>
    public async Task<List<FreezeRecommendation>> DecideAsync(IReadOnlyList<ScoredFill> batch, Func<string, bool> alreadyProduced)
    {
        _pending.Clear();
        _claims.Clear();
        foreach (var scored in batch)
            if (scored.Flagged) _pending.Add(Correlate(scored));
            else if (scored.OnlyWinsOffMarket) _pending.Add(MeetVictim(scored));
            else if (scored.LostInCrowd && _policy.MeetsWinner(scored)) _pending.Add(MeetWinner(scored));
            else if (AlertPolicy.CountsAsVictim(scored)) _pending.Add(PayBeneficiary(scored));

        var decided = new List<FreezeRecommendation>();
        foreach (var p in _pending) decided.AddRange(await Decide(p));
        var suppressed = suppressions is null || decided.Count == 0 ? []
            : await suppressions.SuppressedAsync(decided.ConvertAll(SuppressionSubject.Of));
        Suppressed.Clear();
        var placed = new List<(FreezeRecommendation Alert, Task<Incident> Incident, Task<string?>? CoveredBy)>();
        foreach (var alert in decided)
            if (suppressed.Contains(SuppressionSubject.Of(alert))) Suppressed.Add(alert);
            else placed.Add(Place(alert));
        foreach (var (alert, incident, coveredBy) in placed)
        {
            var joined = await incident;
            alert.IncidentId = joined.Id;
            // A later incident of the subject is new work: a consumer that de-duplicates on alert_id must not merge it into the first.
            if (joined.Number > 1) alert.AlertId = $"{alert.AlertId}:{joined.OpeningTrade}";
            alert.CoveredBy = coveredBy is null ? null : await coveredBy;
            _claims.Add((alert, store.ClaimAsync(alert.AlertId, alert.TradeIds[0], CooldownMs)));
        }

        var owned = new List<FreezeRecommendation>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (alert, claimed) in _claims)
            if (await claimed && !alreadyProduced(alert.AlertId) && taken.Add(alert.AlertId))
                owned.Add(alert);
        return owned;
    }

    private Pending Correlate(ScoredFill flagged)
    {
        var fill = flagged.Fill;
        var victim = new VictimRef(fill.AccountId, fill.ApiKeyId, fill.AppId);
        return new Pending(flagged,
            store.AddAndListAsync(RedisKeys.AccountFlags(fill.AccountId), new FlaggedTrade(fill.TradeId, fill.Side, fill.Usd).ToMember(), fill.Key, WindowMs),
            store.AddAndListAsync(RedisKeys.CounterpartyVictims(fill.Counterparty.AccountId), victim.ToMember(), fill.Key, WindowMs),
            fill.AppId is null ? null : store.AddAsync(RedisKeys.AppAccounts(fill.AppId), fill.AccountId, fill.Key, WindowMs),
            store.AddAsync("victims", fill.AccountId, fill.Key, WindowMs),
            // A stolen key's fill leaves word for the trade's other fill; if that one already said its
            // account only ever wins off-market, the counterparty is the beneficiary now.
            _policy.KeyInOtherHands(flagged) ? Meet(flagged, Word(flagged)) : null);
    }

    // A loss a crowd excused, through a key in other hands: it names its victim and counterparty
    // only if the trade's other fill says that account only ever wins off-market.
    private Pending MeetWinner(ScoredFill loss) =>
        new(loss, null, store.MembersAsync(RedisKeys.CounterpartyVictims(loss.Fill.Counterparty.AccountId), TradeEnd(loss.Fill), WindowMs), null, null,
            Meet(loss, Word(loss)));

    // What a stolen-key fill leaves for the trade's winning fill: whether its own decision named the
    // beneficiary already (a loss in a crowd never does).
    private string Word(ScoredFill loss) => OnlyWinnerEvidence.Of(loss, !loss.LostInCrowd && _policy.NamesBeneficiaryAlone(loss)).Write();

    // The later of the trade's two places in event-time order (its sell fill's): the counterparty's
    // victims read there include the trade's own loss once it was added, whichever fill reads them,
    // so both fills count alike.
    private static EventKey TradeEnd(Fill fill) => new(fill.Ts, fill.TradeId, IsBuy: false);

    // One fill of a trade leaves its word and reads the other fill's, whichever came first.
    private Task<string?> Meet(ScoredFill scored, string word)
    {
        var (role, other) = scored.OnlyWinsOffMarket ? (WinnerRole, VictimRole) : (VictimRole, WinnerRole);
        return store.MeetAsync(TradeKey.Of(scored.Fill.Exchange, scored.Fill.TradeId), role, word, other, 3 * WindowMs);
    }

    // The winning side of a trade, from an account that has never traded but to win off-market: if
    // the trade's stolen-key fill came first, this fill decides the beneficiary.
    private Pending MeetVictim(ScoredFill winner)
    {
        var fill = winner.Fill;
        return new Pending(winner, null, store.MembersAsync(RedisKeys.CounterpartyVictims(fill.AccountId), TradeEnd(fill), WindowMs), null, null, Meet(winner, "1"));
    }

    // A loss off the market that the score alone did not flag, through a key in other hands: one
    // more of its counterparty's victims, who decide, or a counterparty that only ever wins. The
    // account remembers it apart from its flagged fills (whose count decides other things): it is
    // the account's evidence when named.
    private Pending PayBeneficiary(ScoredFill loss)
    {
        var fill = loss.Fill;
        return new(loss,
            store.AddAndListAsync(RedisKeys.AccountPaidLosses(fill.AccountId), new FlaggedTrade(fill.TradeId, fill.Side, fill.Usd).ToMember(), fill.Key, WindowMs),
            store.AddAndListAsync(RedisKeys.CounterpartyVictims(fill.Counterparty.AccountId),
                new VictimRef(fill.AccountId, fill.ApiKeyId, fill.AppId).ToMember(), fill.Key, WindowMs), null, null,
            _policy.MeetsWinner(loss) ? Meet(loss, Word(loss)) : null);
    }

    private async Task<List<FreezeRecommendation>> Decide(Pending p)
    {
        var scored = p.Scored;
        var counterpartyVictims = Array.ConvertAll(await p.CounterpartyVictims, VictimRef.FromMember);
        var met = p.Met is null ? null : await p.Met;
        if (scored.OnlyWinsOffMarket) return _policy.DecideOnlyWinner(scored, VictimRef.Accounts(counterpartyVictims), OnlyWinnerEvidence.Parse(met));
        if (!scored.Flagged)
        {
            // Met, the trade's winning fill reads this fill's word and decides the same.
            var atMeeting = _policy.DecideOnlyWinner(scored, VictimRef.Accounts(counterpartyVictims), met is null ? null : OnlyWinnerEvidence.Parse(Word(scored)));
            if (scored.LostInCrowd) return atMeeting;
            var paid = _policy.DecidePaidBeneficiary(scored, counterpartyVictims, Array.ConvertAll(await p.AccountTrades!, FlaggedTrade.FromMember));
            await WithOwnTrades(paid, p);
            paid.AddRange(atMeeting);
            return paid;
        }
        var accountFlagged = Array.ConvertAll(await p.AccountTrades!, FlaggedTrade.FromMember);
        var correlation = new Correlation(accountFlagged.Length, VictimRef.Accounts(counterpartyVictims), p.AppAccounts is null ? 0 : await p.AppAccounts,
            await p.AllVictims!, counterpartyVictims, CounterpartyOnlyWins: met is not null, accountFlagged);
        var alerts = _policy.Decide(p.Scored, correlation);
        await WithOwnTrades(alerts, p);
        return alerts;
    }

    // Victims named once their beneficiary was confirmed carry their own trades, not the deciding
    // one: their flagged fills and their losses counted as paid to a beneficiary, oldest first.
    private async Task WithOwnTrades(List<FreezeRecommendation> alerts, Pending p)
    {
        var at = p.Scored.Fill.Key;
        foreach (var alert in alerts)
            if (RecommendationV2.IsVictimRecord(alert) && alert.AccountId != p.Scored.Fill.AccountId)
            {
                var flagged = store.TimedMembersAsync(RedisKeys.AccountFlags(alert.AccountId!), at, WindowMs);
                var paid = store.TimedMembersAsync(RedisKeys.AccountPaidLosses(alert.AccountId!), at, WindowMs);
                RecommendationV2.WithOwnTrades(alert, [.. (await flagged).Concat(await paid).OrderBy(m => m.Ts).Select(m => FlaggedTrade.FromMember(m.Member))]);
            }
    }

    /// <summary>
    /// Asks (pipelined, in order) for the recommendation's incident and, for a victim's record of an
    /// app whose keys are all being revoked, for that broader incident: it covers this one.
    /// </summary>
    private (FreezeRecommendation, Task<Incident>, Task<string?>?) Place(FreezeRecommendation alert) =>
        (alert, _incidents.JoinAsync(RecommendationV2.Subject(alert), alert.TradeIds[0], alert.Ts, IncidentGapMs),
            RecommendationV2.IsVictimRecord(alert) && alert.AppId is { } app ? _incidents.OpenAsync($"ra:{app}", alert.Ts, IncidentGapMs) : null);
}
