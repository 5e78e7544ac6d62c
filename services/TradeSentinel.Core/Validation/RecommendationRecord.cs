using System.Diagnostics.CodeAnalysis;
using TradeSentinel.Core.Contract;

namespace TradeSentinel.Core.Validation;

/// <summary>Reads one record of the alert topic: a recommendation with an id, or why it is none.</summary>
public static class RecommendationRecord
{
    public static bool TryRead(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out FreezeRecommendation? alert, out Rejection rejection)
    {
        if (!JsonRecord.TryRead(utf8, SentinelJson.Default.FreezeRecommendation, out alert, out rejection)) return false;
        if (alert.AlertId is { Length: > 0 }) return true;
        alert = null;
        rejection = new(Rejection.MissingField, "recommendation without alert_id");
        return false;
    }
}
