using System.Diagnostics.CodeAnalysis;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Validation;

namespace TradeSentinel.AnalystConsole.Board;

/// <summary>Reads one record of the decision topic: a complete decision, or nothing.</summary>
public static class DecisionRecord
{
    public static bool TryRead(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out AnalystDecision? decision)
    {
        if (JsonRecord.TryRead(utf8, SentinelJson.Default.AnalystDecision, out decision, out _)
            && decision.AlertId is { Length: > 0 } && AnalystDecision.All.Contains(decision.Decision) && decision.By is { Length: > 0 }
            && decision.Subject is not null)
            return true;
        decision = null;
        return false;
    }
}
