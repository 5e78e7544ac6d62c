using System.Globalization;
using TradeSentinel.Core.Pipeline;

namespace TradeSentinel.Alerting;

/// <summary>
/// What a stolen-key fill leaves in Redis for the other fill of its trade: the score and model
/// version the beneficiary's recommendation carries, whichever of the two fills decides it.
/// </summary>
public sealed record OnlyWinnerEvidence(double Score, string ModelVersion)
{
    public static string Of(ScoredFill flagged) =>
        flagged.Score.ToString("R", CultureInfo.InvariantCulture) + "|" + flagged.ModelVersion;

    public static OnlyWinnerEvidence? Parse(string? value)
    {
        if (value is null) return null;
        var at = value.IndexOf('|');
        return new OnlyWinnerEvidence(double.Parse(value.AsSpan(0, at), CultureInfo.InvariantCulture), value[(at + 1)..]);
    }
}
