using System.ComponentModel.DataAnnotations;
namespace TradeSentinel.Scoring;

/// <summary>Configuration section <c>Scoring</c>.</summary>
public sealed class ScoringOptions
{
    public const string Section = "Scoring";
    /// <summary>For the unsupervised model, whose score is a percentile of ordinary fills.</summary>
    public const double DefaultPercentileFlagScore = 0.995;

    /// <summary>The model zip written by <c>sentinel train</c>; its metadata sits beside it as .json.</summary>
    [Required]
    public string ModelPath { get; set; } = ".build/model/sentinel-model.zip";

    /// <summary>
    /// A fill is flagged only when its score reaches this (unset: the model's own flag score, chosen
    /// at training time for a measured false-flag rate)...
    /// </summary>
    [Range(0.0, 1.0)]
    public double? FlagScore { get; set; }

    /// <summary>...and the account lost at least this fraction against the market...</summary>
    [Range(0.0, 100.0)]
    public double MinAdversePremium { get; set; } = 0.03;

    /// <summary>...which is also this many times the symbol's typical dispersion...</summary>
    [Range(0.0, 1_000.0)]
    public double MinPremiumZ { get; set; } = 2;

    /// <summary>
    /// ...and its off-market trading over about the last hour is less two-sided than this (the
    /// smaller of USD won and lost over the larger; 0 when this fill alone lost more than half of
    /// what it won). A bot trading both sides of a pump loses and wins in turn, a little at a time;
    /// a stolen key's owner only loses, and paying it back this much would cost the attacker that
    /// share of the loot. An own key (no app) with a past that sent the order from an address it
    /// never used is not excused this way: an active bot's phished key would hide behind the bot's
    /// own wins.
    /// </summary>
    [Range(0.0, 100.0)]
    public double MaxOffMarketOffset { get; set; } = 0.25;

    /// <summary>
    /// ...while at most this many distinct accounts won comparable off-market prices in the symbol
    /// over the last 5 minutes, or at most this many independent payers (an app counts once,
    /// anyone else per account) besides the fill's own app or account paid them. Beyond both the
    /// off-market price is the market itself (an organic pump). An attacker can open any number of
    /// selling accounts, but the payers are his victims, and one leaked app's keys are one payer.
    /// Phished own keys are a payer each: a loss in a crowd through a key with a past, from an
    /// address it (and its app) never used, is still told to the alerter (<c>lost_in_crowd</c>),
    /// which names it if the account it paid has only ever won off-market.
    /// </summary>
    [Range(0, 1_000_000)]
    public int MaxOffMarketCrowd { get; set; } = 8;

    /// <summary>
    /// Ablation only: replace the model's score with <see cref="RuleScore"/>, a hand-written rule on
    /// the same features, keeping every gate and the alerter, so a backtest measures what the model adds.
    /// </summary>
    public bool RulesOnly { get; set; }

    /// <summary>
    /// Accounts whose state is kept in memory; beyond it the least recently active (already saved)
    /// are dropped and restored from Redis if they trade again, so a feed with endless new accounts
    /// cannot exhaust memory and scoring is unchanged (about 0.5 KB each: 1M ≈ 0.5 GB).
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxAccountsInMemory { get; set; } = 1_000_000;

    /// <summary>How often the model file is checked for a newer version.</summary>
    [Range(1, 86_400)]
    public int ModelCheckSeconds { get; set; } = 5;
}
