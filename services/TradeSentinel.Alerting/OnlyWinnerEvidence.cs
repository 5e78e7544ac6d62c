using System.Globalization;
using TradeSentinel.Core.Pipeline;

namespace TradeSentinel.Alerting;

/// <summary>
/// What a stolen-key fill leaves in Redis for the other fill of its trade: the score and model
/// version the beneficiary's recommendation carries, whichever of the two fills decides it, whether
/// the stolen-key fill named the beneficiary already, on its own loss (see
/// <see cref="AlertPolicy.NamesBeneficiaryAlone"/>), and, for a loss the score did not flag, what it
/// lost and, inside an organic crowd (see <see cref="ScoredFill.LostInCrowd"/>), how large the crowd
/// was: the meeting names that victim too, which no flag of its own will.
/// </summary>
public sealed record OnlyWinnerEvidence(double Score, string ModelVersion, bool NamedBeneficiary, double? UnflaggedLoss = null, int? Crowd = null)
{
    private const string Named = "named";
    private const string Unflagged = "loss:";
    private const string InCrowd = "crowd:";

    public static OnlyWinnerEvidence Of(ScoredFill loss, bool namedBeneficiary) =>
        new(loss.Score, loss.ModelVersion, namedBeneficiary, loss.Flagged ? null : loss.AdversePremium, loss.LostInCrowd ? loss.Fill.OrganicCrowd5m : null);

    // "named" last: an alerter from before the other marks still reads it (and takes them for part of the model version).
    public string Write() =>
        Number(Score) + "|" + ModelVersion
        + (UnflaggedLoss is { } premium ? "|" + Unflagged + Number(premium) : "")
        + (Crowd is { } crowd ? "|" + InCrowd + crowd.ToString(CultureInfo.InvariantCulture) : "")
        + (NamedBeneficiary ? "|" + Named : "");

    public static OnlyWinnerEvidence? Parse(string? value)
    {
        if (value is null) return null;
        var parts = value.Split('|');
        var (named, unflagged, crowd, modelEnd) = (false, (double?)null, (int?)null, parts.Length);
        // Marks after the model version; an alerter from before them wrote none (a flagged fill that named nobody).
        for (; modelEnd > 2; modelEnd--)
        {
            var mark = parts[modelEnd - 1];
            if (mark == Named) named = true;
            else if (mark.StartsWith(InCrowd, StringComparison.Ordinal)) crowd = int.Parse(mark.AsSpan(InCrowd.Length), CultureInfo.InvariantCulture);
            else if (mark.StartsWith(Unflagged, StringComparison.Ordinal)) unflagged = double.Parse(mark.AsSpan(Unflagged.Length), CultureInfo.InvariantCulture);
            else break;
        }
        return new OnlyWinnerEvidence(double.Parse(parts[0], CultureInfo.InvariantCulture), string.Join('|', parts[1..modelEnd]), named, unflagged, crowd);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
