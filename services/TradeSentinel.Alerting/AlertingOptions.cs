using System.ComponentModel.DataAnnotations;
namespace TradeSentinel.Alerting;

/// <summary>Configuration section <c>Alerting</c>: windows and policy thresholds.</summary>
public sealed class AlertingOptions
{
    public const string Section = "Alerting";

    /// <summary>Event-time window over which flagged activity is correlated.</summary>
    [Range(1, 10_080)]
    public int WindowMinutes { get; set; } = 60;

    /// <summary>
    /// Event time without a recommendation on a subject (an account, key or app) after which its next
    /// one opens a new incident (a new <c>incident_id</c>, and a new <c>alert_id</c>).
    /// </summary>
    public int IncidentGapMinutes { get; set; } = 24 * 60;

    /// <summary>Distinct flagged victims a counterparty must collect from before it is frozen as beneficiary.</summary>
    [Range(1, 1_000)]
    public int BeneficiaryMinVictims { get; set; } = 2;

    /// <summary>
    /// A single victim names its counterparty as beneficiary when it lost at least this far off the
    /// 15-minute VWAP (1.0: paid 2x, or sold at 1/2, a loss the victim's own record calls critical)
    /// through a key from a source it never used, outside an organic crowd (<see cref="BeneficiaryAloneMaxCrowd"/>).
    /// Waiting for a second victim would let an attacker who collects each victim in an account of
    /// its own withdraw and never be named; a smaller loss waits for <see cref="BeneficiaryMinVictims"/>.
    /// At 0.3 an own-key trader chasing a thin coin from a new address at 1.5x named its seller in
    /// the contract's classic sample.
    /// </summary>
    [Range(0.0, 1_000_000.0)]
    public double BeneficiaryAloneMinPremium { get; set; } = 1.0;

    /// <summary>
    /// ...while at most this many distinct accounts won, or at most this many independent payers
    /// besides the victim's own paid, comparable off-market prices in the symbol over the last 5
    /// minutes (the scorer's own organic-crowd limit, <c>Scoring:MaxOffMarketCrowd</c>). Looser than
    /// <see cref="SingleFlagMaxCrowd"/>: a loss this far off is rarely a pump's, and an attacker
    /// spending 4 victims in one coin within 5 minutes, each paying a seller of its own, makes a crowd
    /// of 4 (in real thin coins this left beneficiaries unnamed while their next victims paid).
    /// </summary>
    [Range(0, 1_000_000)]
    public int BeneficiaryAloneMaxCrowd { get; set; } = 8;

    /// <summary>
    /// A loss the score did not flag, through a key from a source it never used, names its
    /// counterparty (and itself) on meeting the trade's winning fill from an account that has only
    /// ever won off-market only when at least this far off the 15-minute VWAP (0.3: paid 1.3x, the
    /// loss a victim's record calls high). A few percent is a roaming trader's ordinary bad fill
    /// against a newcomer's first trade (at 0 the simulated benign day, seed 101, named one such
    /// pair); a stolen key is spent at a multiple.
    /// </summary>
    [Range(0.0, 1_000_000.0)]
    public double UnflaggedMeetingMinPremium { get; set; } = 0.3;

    /// <summary>Flagged fills of one account that corroborate each other, without a shared beneficiary, before it is frozen.</summary>
    [Range(1, 1_000)]
    public int VictimMinFlags { get; set; } = 2;

    /// <summary>
    /// Flagged fills of an API key before the key alone is revoked, when the order also came from a
    /// source the key never used. Revoking a key is cheap and reversible (the owner makes a new
    /// one), so one is enough: waiting for a second lets an attacker who spends each key once go
    /// unstopped. Without that evidence (or without client_ip in the feed) a bad price alone is not
    /// enough, and the key waits for <see cref="VictimMinFlags"/> like an account.
    /// </summary>
    [Range(1, 1_000)]
    public int KeyRevokeMinFlags { get; set; } = 1;

    /// <summary>
    /// ...but only while at most this many distinct accounts won, or at most this many independent
    /// payers (an app once, anyone else per account) besides the fill's own paid, comparable
    /// off-market prices in the symbol over the last 5 minutes. In an organic pump dozens do, and a single flag then waits for corroboration
    /// like an account freeze.
    /// </summary>
    [Range(0, 1_000_000)]
    public int SingleFlagMaxCrowd { get; set; } = 3;

    /// <summary>Distinct flagged accounts of one app, feeding suspected beneficiaries, before all its keys are revoked.</summary>
    [Range(1, 1_000_000)]
    public int AppMinAccounts { get; set; } = 5;

    /// <summary>
    /// Share of all flagged victims in the window that must trade through the app before its keys are
    /// revoked: a leaked app dominates the victims, an app whose users merely appear among them does not.
    /// </summary>
    [Range(0.0, 1.0)]
    public double AppMinShare { get; set; } = 0.6;

    /// <summary>How long an alert id is remembered: the same recommendation is not repeated within it.</summary>
    [Range(0, 8_760)]
    public int CooldownHours { get; set; } = 24;
}
