using System.Globalization;
using TradeSentinel.Core.Pipeline;

namespace TradeSentinel.Alerting;

/// <summary>
/// What a stolen-key fill leaves in Redis for the other fill of its trade: the score and model
/// version the beneficiary's recommendation carries, whichever of the two fills decides it, and
/// whether the stolen-key fill named the beneficiary already, on its own loss (see
/// <see cref="AlertPolicy.NamesBeneficiaryAlone"/>).
/// </summary>
public sealed record OnlyWinnerEvidence(double Score, string ModelVersion, bool NamedBeneficiary)
{
    public static string Of(ScoredFill flagged, bool namedBeneficiary) =>
        flagged.Score.ToString("R", CultureInfo.InvariantCulture) + "|" + flagged.ModelVersion + (namedBeneficiary ? "|named" : "");

    public static OnlyWinnerEvidence? Parse(string? value)
    {
        if (value is null) return null;
        var at = value.IndexOf('|');
        var rest = value[(at + 1)..];
        // Written before the single-victim rule: no flag, nobody named.
        var named = rest.EndsWith("|named", StringComparison.Ordinal);
        return new OnlyWinnerEvidence(double.Parse(value.AsSpan(0, at), CultureInfo.InvariantCulture),
            named ? rest[..^"|named".Length] : rest, named);
    }
}
