using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Pipeline;

namespace TradeSentinel.Alerting;

/// <summary>
/// Turns one flagged fill and its cross-account correlation into freeze recommendations. Alert
/// ids name the subject and the severity only, so a replay re-derives the same ids and an
/// escalation is a new id while a repeat is not.
/// </summary>
public sealed class AlertPolicy(AlertingOptions options)
{
    /// <summary>
    /// The order came from a source its API key never used, and few others paid such prices in the
    /// symbol: the key itself is in other hands, so one flagged fill is evidence enough to act on
    /// the key (and, with a counterparty that only ever wins, on that counterparty).
    /// </summary>
    public bool KeyInOtherHands(ScoredFill flagged)
    {
        return FromNewSourceOutsideCrowd(flagged, options.SingleFlagMaxCrowd);
    }

    // A key sending from a source it never used, while at most maxCrowd others won or paid such prices.
    private static bool FromNewSourceOutsideCrowd(ScoredFill fill, int maxCrowd) =>
        fill.NewSourceForKey && fill.Fill.OrganicCrowd5m <= maxCrowd;

    /// <summary>
    /// One loss, far off the market (<see cref="AlertingOptions.BeneficiaryAloneMinPremium"/>), through a
    /// key from a source it never used, outside an organic crowd (<see cref="AlertingOptions.BeneficiaryAloneMaxCrowd"/>):
    /// evidence enough to freeze the account that won it, without a second victim. An attacker who
    /// reads the code can give every victim an account of its own, and spend several victims in one
    /// coin at once (which makes a crowd of a few); it cannot make a stolen key pay a far-off price
    /// from the key's usual source.
    /// </summary>
    public bool NamesBeneficiaryAlone(ScoredFill loss) =>
        FromNewSourceOutsideCrowd(loss, options.BeneficiaryAloneMaxCrowd) && loss.AdversePremium >= options.BeneficiaryAloneMinPremium;

    public List<FreezeRecommendation> Decide(ScoredFill flagged, Correlation c)
    {
        var alerts = new List<FreezeRecommendation>();
        var fill = flagged.Fill;
        var beneficiaryConfirmed = c.CounterpartyVictims >= options.BeneficiaryMinVictims || NamesBeneficiaryAlone(flagged);
        var collecting = Collecting(flagged, c.CounterpartyVictims);

        if (beneficiaryConfirmed)
        {
            alerts.Add(Alert(flagged, AlertActions.FreezeAccount, AlertActions.Beneficiary, fill.Counterparty.AccountId, null, null,
                BeneficiarySeverity(c.CounterpartyVictims), [collecting, BeneficiaryReasons.WonFrom(flagged)]));
            // Victims flagged before the beneficiary was confirmed are named now, not left exposed.
            foreach (var victim in c.Victims)
                if (victim.AccountId != fill.AccountId)
                    alerts.Add(VictimAlert(flagged, victim, [collecting]));
        }
        // Only this one recommendation depends on whether the trade's other fill arrived first, so
        // whichever fill decides the trade, the trade's recommendations are the same.
        else if (c.CounterpartyOnlyWins)
            alerts.Add(OnlyWinnerAlert(fill.Counterparty.AccountId, fill.AccountId, fill, flagged.Score, flagged.ModelVersion));
        var minFlags = KeyInOtherHands(flagged) ? options.KeyRevokeMinFlags : options.VictimMinFlags;
        var ownFlags = new AlertReason(ReasonCodes.RepeatedFlags,
            $"{c.AccountFlags} flagged fill{(c.AccountFlags == 1 ? "" : "s")} of this account in the last {options.WindowMinutes} min " +
            $"({minFlags} {(minFlags == 1 ? "is" : "are")} enough to act)");
        if (beneficiaryConfirmed || c.AccountFlags >= minFlags || c.AppAccounts >= options.AppMinAccounts)
            alerts.Add(VictimAlert(flagged, new VictimRef(fill.AccountId, fill.ApiKeyId, fill.AppId),
                [.. flagged.Reasons, beneficiaryConfirmed ? collecting : ownFlags]));
        var appDominates = c.AppAccounts >= options.AppMinAccounts && c.AppAccounts >= options.AppMinShare * c.AllVictims;
        // The app's flagged accounts are its keys at work for someone else when they feed a
        // confirmed beneficiary, or when this one came from an address neither the key nor any of
        // the app's servers ever used: an attacker spreading the loot over many sellers confirms
        // none of them for a while, but cannot send from the app's servers.
        var keysElsewhere = beneficiaryConfirmed || KeyInOtherHands(flagged);
        if (fill.AppId is { } app && keysElsewhere && appDominates)
            alerts.Add(Alert(flagged, AlertActions.RevokeAppKeys, null, null, null, app, AppSeverity(c.AppAccounts),
            [
                new AlertReason(ReasonCodes.AppWideCompromise,
                    $"{c.AppAccounts} of the {c.AllVictims} accounts with flagged fills in the last {options.WindowMinutes} min trade through {app}"),
                beneficiaryConfirmed
                    ? collecting
                    : new AlertReason(ReasonCodes.KeyInOtherHands, $"key {fill.ApiKeyId} was just used from an address neither it nor {app}'s servers ever used"),
            ]));
        RecommendationV2.Stamp(alerts, flagged, c, beneficiaryConfirmed);
        return alerts;
    }

    /// <summary>
    /// A trade's two fills met in Redis: one from an account that has only ever won off-market, the
    /// other through a key from a source it never used, which left <paramref name="evidence"/>
    /// (null: they did not meet). Decided from the trade alone, so whichever fill reaches the
    /// alerter last, on any alerter, derives the same recommendations: the beneficiary, unless the
    /// stolen-key fill already named it the ordinary way (it had collected from enough victims, or
    /// that one loss was far enough off the market); and a victim the score did not flag, which
    /// the ordinary way names only with its beneficiary, and inside an organic crowd never: a
    /// pump's buyers pay sellers who also trade at the market, an attacker's sellers only ever win.
    /// </summary>
    /// <param name="deciding">Either fill of the trade: the winner's, or the stolen key's.</param>
    public List<FreezeRecommendation> DecideOnlyWinner(ScoredFill deciding, long counterpartyVictims, OnlyWinnerEvidence? evidence)
    {
        if (evidence is null) return [];
        var fill = deciding.Fill;
        var (victim, beneficiary, victimBuys) = deciding.OnlyWinsOffMarket
            ? (new VictimRef(fill.Counterparty.AccountId, fill.Counterparty.ApiKeyId, fill.Counterparty.AppId), fill.AccountId, !fill.IsBuy)
            : (new VictimRef(fill.AccountId, fill.ApiKeyId, fill.AppId), fill.Counterparty.AccountId, fill.IsBuy);
        var namedAlready = evidence.NamedBeneficiary || counterpartyVictims >= options.BeneficiaryMinVictims;
        var alerts = new List<FreezeRecommendation>();
        if (!namedAlready)
            alerts.Add(OnlyWinnerAlert(beneficiary, victim.AccountId, fill, evidence.Score, evidence.ModelVersion));
        // Outside a crowd the loss also counts among the beneficiary's victims: named the ordinary way, it was named with it.
        if (evidence.UnflaggedLoss is { } premium && (evidence.Crowd is not null || !namedAlready))
        {
            var paid = new AlertReason(ReasonCodes.PaidConfirmedBeneficiary,
                $"{Loss(victimBuys, premium)} the 15-min VWAP to {beneficiary}, which took the winning side of an off-market price in every trade it made, " +
                $"through key {victim.ApiKeyId} {FromAddress(victim)}" +
                (evidence.Crowd is { } crowd
                    ? $"; at least {crowd} others {(victimBuys ? "paid" : "sold at")} such prices in {fill.Symbol} within 5 min, and as many took them: " +
                      "a crowd, but a crowd's counterparties also trade at the market"
                    : ""));
            var alert = VictimAlert(fill, evidence.Score, evidence.ModelVersion, premium, victim, [paid]);
            RecommendationV2.StampPaidOnlyWinner(alert, fill, beneficiary);
            alerts.Add(alert);
        }
        return alerts;
    }

    /// <summary>
    /// A loss off the market that the score did not flag, sent through a key from a source it (and
    /// its app) never used: one more victim of its counterparty (see <see cref="CountsAsVictim"/>),
    /// and, once the counterparty has collected from enough victims, evidence enough to freeze it as
    /// beneficiary, to name this account and the counterparty's earlier victims. The attack's own
    /// trades drag a thin coin's reference towards their prices, so its later victims lose less
    /// against it than the first did, and on a real coin's wider market the model may score an
    /// attack's every fill under the flag score: the key in other hands, twice, into one account, is
    /// what gives them away.
    /// </summary>
    /// <param name="counterpartyVictims">The counterparty's victims in the window, this account among them.</param>
    /// <param name="ownLosses">This account's losses counted as paid in the window, this one among them: its record's evidence (without: this loss).</param>
    public List<FreezeRecommendation> DecidePaidBeneficiary(ScoredFill loss, IReadOnlyList<VictimRef> counterpartyVictims,
        IReadOnlyList<FlaggedTrade>? ownLosses = null)
    {
        var accounts = VictimRef.Accounts(counterpartyVictims);
        if (!CountsAsVictim(loss) || (accounts < options.BeneficiaryMinVictims && !NamesBeneficiaryAlone(loss))) return [];
        var fill = loss.Fill;
        var collecting = Collecting(loss, accounts);
        var paid = new AlertReason(ReasonCodes.PaidConfirmedBeneficiary,
            $"{Loss(fill.IsBuy, loss.AdversePremium)} the 15-min VWAP to {fill.Counterparty.AccountId} through key {fill.ApiKeyId}, " +
            FromAddress(new VictimRef(fill.AccountId, fill.ApiKeyId, fill.AppId)));
        var alerts = new List<FreezeRecommendation>
        {
            Alert(loss, AlertActions.FreezeAccount, AlertActions.Beneficiary, fill.Counterparty.AccountId, null, null,
                BeneficiarySeverity(accounts), [collecting, BeneficiaryReasons.WonFrom(loss)]),
            VictimAlert(loss, new VictimRef(fill.AccountId, fill.ApiKeyId, fill.AppId), [paid, collecting]),
        };
        foreach (var victim in counterpartyVictims)
            if (victim.AccountId != fill.AccountId)
                alerts.Add(VictimAlert(loss, victim, [collecting]));
        RecommendationV2.Stamp(alerts, loss, new Correlation(0, accounts, 0, 0, counterpartyVictims, AccountFlagged: ownLosses), beneficiaryConfirmed: true);
        return alerts;
    }

    /// <summary>
    /// An unflagged loss that still counts among its counterparty's victims: it passed every flag
    /// gate but the score (it lost off-market, beyond the symbol's dispersion, outside an organic
    /// crowd, not two-sided) and its key sent the order from an address the key (and its app's
    /// servers) never used. Without the new address the drag of an attack also makes market makers
    /// selling at the true price, a few percent under the dragged reference, "lose" to the
    /// beneficiaries' ordinary bids.
    /// </summary>
    public static bool CountsAsVictim(ScoredFill loss) => loss.LostOffMarket && loss.NewSourceForKey;

    /// <summary>
    /// An unflagged loss through a key in other hands (counted as a victim, or excused by a crowd)
    /// far enough off the market (<see cref="AlertingOptions.UnflaggedMeetingMinPremium"/>) to name
    /// its victim and counterparty if the trade's winning fill says that account only ever wins.
    /// </summary>
    public bool MeetsWinner(ScoredFill loss) =>
        (loss.LostInCrowd || CountsAsVictim(loss)) && loss.AdversePremium >= options.UnflaggedMeetingMinPremium;

    private AlertReason Collecting(ScoredFill loss, long victims)
    {
        var fill = loss.Fill;
        if (victims >= options.BeneficiaryMinVictims || !NamesBeneficiaryAlone(loss))
            return new(ReasonCodes.CollectingCounterparty,
                $"counterparty {fill.Counterparty.AccountId} won off-market trades from {victims} accounts in the last {options.WindowMinutes} min, " +
                $"each flagged or sent through a key from an address it never used ({options.BeneficiaryMinVictims} name a beneficiary)");
        var limit = (1 + options.BeneficiaryAloneMinPremium).ToString("0.0#", System.Globalization.CultureInfo.InvariantCulture);
        return new(ReasonCodes.CollectingCounterparty,
            $"counterparty {fill.Counterparty.AccountId} won from {fill.AccountId}, who {Loss(fill.IsBuy, loss.AdversePremium)} the 15-min VWAP " +
            $"through key {fill.ApiKeyId} from an address it never used: one loss that far off the market (paying {limit}x or selling at 1/{limit}, " +
            $"or further) names a beneficiary; smaller ones take {options.BeneficiaryMinVictims} victims");
    }

    /// <summary>
    /// The beneficiary of a single stolen-key fill, frozen at once because it has never traded but
    /// to win off-market: built from the trade alone, so either of the trade's two fills, on any
    /// alerter, derives the same recommendation.
    /// </summary>
    public static FreezeRecommendation OnlyWinnerAlert(string beneficiary, string victim, Fill tradeFill, double victimScore, string modelVersion)
    {
        var alert = Alert(tradeFill, victimScore, modelVersion, AlertActions.FreezeAccount, AlertActions.Beneficiary, beneficiary, null, null,
            BeneficiarySeverity(1),
            [
                new AlertReason(ReasonCodes.OnlyWinsOffMarket,
                    $"{beneficiary} took the winning side of an off-market price in every trade it made, this one in {tradeFill.Symbol} " +
                    $"against {victim}, whose API key was just used from a source it never used"),
            ]);
        RecommendationV2.StampOnlyWinner(alert, tradeFill, victim);
        return alert;
    }

    private static FreezeRecommendation VictimAlert(ScoredFill flagged, VictimRef victim, List<AlertReason> reasons) =>
        VictimAlert(flagged.Fill, flagged.Score, flagged.ModelVersion, flagged.AdversePremium, victim, reasons);

    private static FreezeRecommendation VictimAlert(Fill deciding, double score, string modelVersion, double premium, VictimRef victim,
        List<AlertReason> reasons) =>
        victim.ApiKeyId is { } key
            ? Alert(deciding, score, modelVersion, AlertActions.RevokeApiKey, null, victim.AccountId, key, victim.AppId, VictimSeverity(premium), reasons)
            : Alert(deciding, score, modelVersion, AlertActions.FreezeAccount, AlertActions.Victim, victim.AccountId, null, victim.AppId,
                VictimSeverity(premium), reasons);

    private static FreezeRecommendation Alert(ScoredFill flagged, string action, string? role, string? account, string? key, string? app,
        string severity, List<AlertReason> reasons) =>
        Alert(flagged.Fill, flagged.Score, flagged.ModelVersion, action, role, account, key, app, severity, reasons);

    private static FreezeRecommendation Alert(Fill deciding, double score, string modelVersion, string action, string? role, string? account,
        string? key, string? app, string severity, List<AlertReason> reasons)
    {
        var subject = action switch
        {
            AlertActions.RevokeApiKey => $"rk:{key}",
            AlertActions.RevokeAppKeys => $"ra:{app}",
            _ => $"fa:{role}:{account}",
        };
        return new FreezeRecommendation
        {
            AlertId = $"{subject}:{severity}",
            Ts = deciding.Ts,
            Action = action,
            Role = role,
            AccountId = account,
            ApiKeyId = key,
            AppId = app,
            Symbol = deciding.Symbol,
            Severity = severity,
            Score = score,
            Reasons = reasons,
            TradeIds = [deciding.TradeId],
            ModelVersion = modelVersion,
        };
    }

    private static string FromAddress(VictimRef victim) =>
        victim.AppId is null ? "from an address the key never used" : $"from an address neither the key nor {victim.AppId}'s servers ever used";

    // premium: paid above (buy) or received below (sell) the reference, as a fraction of the price it fetched.
    private static string Loss(bool buy, double premium)
    {
        var ratio = 1 + premium;
        string Format(double v, string format) => v.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
        if (ratio >= 2) return buy ? $"paid {Format(ratio, "0.0")}x" : $"sold at 1/{Format(ratio, "0.0")} of";
        return buy ? $"paid {Format(premium * 100, "0")}% above" : $"sold {Format(premium / ratio * 100, "0")}% below";
    }

    private static string VictimSeverity(double adversePremium) => adversePremium switch
    {
        >= 1.0 => AlertSeverities.Critical,
        >= 0.3 => AlertSeverities.High,
        _ => AlertSeverities.Medium,
    };

    private static string BeneficiarySeverity(long victims) => victims switch
    {
        >= 5 => AlertSeverities.Critical,
        >= 3 => AlertSeverities.High,
        _ => AlertSeverities.Medium,
    };

    private static string AppSeverity(long accounts) => accounts >= 10 ? AlertSeverities.Critical : AlertSeverities.High;
}
