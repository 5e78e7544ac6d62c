using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Pipeline;

namespace TradeSentinel.Alerting;

/// <summary>
/// FreezeRecommendation v2's additions to a decided recommendation: version, event time of
/// detection, exchange, and the evidence about the record's own subject (its trades, the accounts,
/// keys and apps around it). The incident and <c>covered_by</c> come from Redis (see <see cref="AlertDecider"/>).
/// </summary>
public static class RecommendationV2
{
    public const int SchemaVersion = 2;

    /// <summary>What the recommendation is about, without its severity: <c>fa:beneficiary:A9001</c>, <c>rk:K0042a</c>, <c>ra:app-3c</c>.</summary>
    public static string Subject(FreezeRecommendation alert) => alert.Action switch
    {
        AlertActions.RevokeApiKey => $"rk:{alert.ApiKeyId}",
        AlertActions.RevokeAppKeys => $"ra:{alert.AppId}",
        _ => $"fa:{alert.Role}:{alert.AccountId}",
    };

    /// <summary>A victim's record (its key, or its account): the subject is a victim.</summary>
    public static bool IsVictimRecord(FreezeRecommendation alert) =>
        alert.Action == AlertActions.RevokeApiKey || alert is { Action: AlertActions.FreezeAccount, Role: AlertActions.Victim };

    /// <summary>Evidence of the recommendations one flagged fill decided (see <see cref="AlertPolicy.Decide"/>).</summary>
    public static void Stamp(IEnumerable<FreezeRecommendation> alerts, ScoredFill flagged, Correlation c, bool beneficiaryConfirmed)
    {
        var fill = flagged.Fill;
        var deciding = new FlaggedTrade(fill.TradeId, fill.Side, fill.Usd);
        // Not from CounterpartyOnlyWins: that depends on which of the trade's fills reached the alerter
        // first, and the victim's record must not.
        var counterparty = new RelatedParty(RelatedRoles.Account, fill.Counterparty.AccountId,
            beneficiaryConfirmed ? RelatedRoles.Beneficiary : RelatedRoles.Counterparty);
        foreach (var alert in alerts)
        {
            if (alert.Evidence is not null) continue; // the beneficiary frozen at its first victim: stamped from the trade alone
            if (alert.Role == AlertActions.Beneficiary)
                Stamp(alert, fill, [deciding], [.. c.Victims.SelectMany(Victim).Distinct()]);
            else if (alert.Action == AlertActions.RevokeAppKeys)
                Stamp(alert, fill, [deciding], [.. Victim(new VictimRef(fill.AccountId, fill.ApiKeyId, null)), counterparty]);
            else if (alert.AccountId == fill.AccountId)
                Stamp(alert, fill, c.AccountFlagged is { Count: > 0 } own ? own : [deciding], [counterparty, .. App(alert)]);
            else // a victim named once its beneficiary was confirmed: its own trades are filled in from its window
                Stamp(alert, fill, [], [new RelatedParty(RelatedRoles.Account, fill.Counterparty.AccountId, RelatedRoles.Beneficiary), .. App(alert)]);
        }
    }

    /// <summary>The beneficiary frozen at its first victim (<see cref="AlertPolicy.OnlyWinnerAlert"/>).</summary>
    public static void StampOnlyWinner(FreezeRecommendation alert, Fill tradeFill, string victim) =>
        Stamp(alert, tradeFill, [new FlaggedTrade(tradeFill.TradeId, tradeFill.Side, tradeFill.Usd)],
            [new RelatedParty(RelatedRoles.Account, victim, RelatedRoles.Victim)]);

    /// <summary>The victim of an unflagged loss, named at its meeting with a beneficiary that only ever won (see <see cref="AlertPolicy.DecideOnlyWinner"/>).</summary>
    public static void StampPaidOnlyWinner(FreezeRecommendation alert, Fill tradeFill, string beneficiary) =>
        Stamp(alert, tradeFill, [new FlaggedTrade(tradeFill.TradeId, tradeFill.Side, tradeFill.Usd)],
            [new RelatedParty(RelatedRoles.Account, beneficiary, RelatedRoles.Beneficiary), .. App(alert)]);

    /// <summary>Replaces the trades of a victim's record by its own flagged trades.</summary>
    public static void WithOwnTrades(FreezeRecommendation alert, IReadOnlyList<FlaggedTrade> trades) =>
        alert.Evidence = new AlertEvidence
        {
            TradeIds = [.. trades.Select(t => t.TradeId)],
            Related = alert.Evidence!.Related,
            UsdAtStake = Cents(trades),
        };

    private static void Stamp(FreezeRecommendation alert, Fill deciding, IReadOnlyList<FlaggedTrade> trades, IReadOnlyList<RelatedParty> related)
    {
        alert.SchemaVersion = SchemaVersion;
        alert.DetectedAt = deciding.Ts;
        alert.Exchange = deciding.Exchange;
        alert.Evidence = new AlertEvidence { TradeIds = [.. trades.Select(t => t.TradeId)], Related = related, UsdAtStake = Cents(trades) };
    }

    private static double Cents(IReadOnlyList<FlaggedTrade> trades) => Math.Round(trades.Sum(t => t.Usd), 2);

    private static IEnumerable<RelatedParty> Victim(VictimRef v)
    {
        yield return new RelatedParty(RelatedRoles.Account, v.AccountId, RelatedRoles.Victim);
        if (v.ApiKeyId is { } key) yield return new RelatedParty(RelatedRoles.ApiKey, key, RelatedRoles.VictimKey);
        if (v.AppId is { } app) yield return new RelatedParty(RelatedRoles.App, app, RelatedRoles.VictimApp);
    }

    private static IEnumerable<RelatedParty> App(FreezeRecommendation alert) =>
        alert.AppId is { } app ? [new RelatedParty(RelatedRoles.App, app, RelatedRoles.VictimApp)] : [];
}
