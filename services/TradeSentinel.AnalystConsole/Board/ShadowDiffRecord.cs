using System.Diagnostics.CodeAnalysis;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Validation;

namespace TradeSentinel.AnalystConsole.Board;

/// <summary>Reads one record of the shadow topic: a complete diff, or nothing.</summary>
public static class ShadowDiffRecord
{
    public static bool TryRead(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out ShadowDiff? diff)
    {
        if (JsonRecord.TryRead(utf8, SentinelJson.Default.ShadowDiff, out diff, out _)
            && diff.CandidateModelVersion is { Length: > 0 } && diff.LiveModelVersion is not null
            && diff.Gained is not null && diff.Lost is not null && diff.Kept is not null
            && diff.Gained.Concat(diff.Lost).All(s => s is { Subject: not null, Action: not null, Severity: not null, Reasons: not null }))
            return true;
        diff = null;
        return false;
    }
}
