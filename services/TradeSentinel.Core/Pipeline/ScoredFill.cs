using System.Text.Json.Serialization;
using TradeSentinel.Core.Contract;

namespace TradeSentinel.Core.Pipeline;

/// <summary>A fill tagged by the scorer: what the alerter correlates across accounts.</summary>
public sealed class ScoredFill
{
    public Fill Fill { get; set; } = new();

    /// <summary>Calibrated anomaly score in [0,1]: the share of normal fills that score lower.</summary>
    public double Score { get; set; }

    /// <summary>
    /// Price paid above (buy) or received below (sell) the 15-minute VWAP, as a fraction:
    /// positive means this account lost against the market.
    /// </summary>
    public double AdversePremium { get; set; }

    /// <summary>The scorer considers this fill a likely unauthorised, loss-making trade.</summary>
    /// <remarks>
    /// Written first, with <see cref="OnlyWinsOffMarket"/>, <see cref="LostOffMarket"/> and
    /// <see cref="LostInCrowd"/>, so that <see cref="ScoredFillPeek"/> finds all four in the record's first bytes.
    /// </remarks>
    [JsonPropertyOrder(-4)]
    public bool Flagged { get; set; }

    /// <summary>
    /// The order came through an API key from a source the key never used before (or through a key
    /// never seen before): evidence that the key itself is in other hands, not only that the price was bad.
    /// </summary>
    public bool NewSourceForKey { get; set; }

    /// <summary>
    /// Every fill the scorer remembers of this account, this one included, took the winning side
    /// of an off-market price (sold well above or bought well below the reference): how an account
    /// opened to collect from stolen keys looks, and how a market maker or an ordinary user never does.
    /// </summary>
    [JsonPropertyOrder(-3)]
    public bool OnlyWinsOffMarket { get; set; }

    /// <summary>
    /// Not flagged, but the account lost off-market as a flagged fill does (every gate of
    /// <see cref="Flagged"/> but the score): the alerter names it a victim when its counterparty is
    /// already confirmed as collecting from stolen keys. An attack's own trades drag a thin coin's
    /// reference towards them, so its later victims lose less against it than the first did.
    /// </summary>
    [JsonPropertyOrder(-2)]
    public bool LostOffMarket { get; set; }

    /// <summary>
    /// The account lost off-market as a flagged fill does, but while an organic crowd won or paid
    /// such prices in the symbol (the one gate of <see cref="LostOffMarket"/> it failed), through a
    /// key with a past, from a source it (and its app) never used. On its own that is a pump's
    /// roaming trader as much as a stolen key, and it names nobody; the alerter meets it with the
    /// trade's other fill, and a counterparty that has only ever won off-market makes it a victim.
    /// Phished keys spent many at once, each its own payer, into as many sellers make a crowd of their own.
    /// </summary>
    [JsonPropertyOrder(-1)]
    public bool LostInCrowd { get; set; }

    public List<AlertReason> Reasons { get; set; } = [];
    public string ModelVersion { get; set; } = "";

    /// <summary>
    /// The alerter correlates this fill: it is flagged, it is the winning side from an account that
    /// only wins off-market, or it lost off-market (to a counterparty that may be a confirmed
    /// beneficiary, or, in a crowd, one that only ever wins).
    /// </summary>
    [JsonIgnore]
    public bool NeedsCorrelation => Flagged || OnlyWinsOffMarket || LostOffMarket || LostInCrowd;
}
