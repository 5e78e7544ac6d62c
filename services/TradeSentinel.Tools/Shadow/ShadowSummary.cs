using System.Globalization;
using System.Text;
using TradeSentinel.Core.Contract;

namespace TradeSentinel.Tools.Shadow;

/// <summary>The few lines an operator reads before promoting a candidate: counts, then each subject gained (+) and lost (-).</summary>
public static class ShadowSummary
{
    private const int ListedPerSide = 20;

    public static string Describe(ShadowDiff diff, int liveRecommendations, int candidateRecommendations)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"shadow on {diff.Input} ({diff.Trades:N0} trades): live {diff.LiveModelVersion} raised {liveRecommendations} recommendations, " +
            $"candidate {diff.CandidateModelVersion} {candidateRecommendations}");
        text.AppendLine(CultureInfo.InvariantCulture, $"subjects gained {diff.Gained.Count}, lost {diff.Lost.Count}, kept {diff.Kept.Count}");
        List('+', diff.Gained, text);
        List('-', diff.Lost, text);
        return text.ToString();
    }

    private static void List(char sign, IReadOnlyList<ShadowSubject> subjects, StringBuilder text)
    {
        foreach (var s in subjects.Take(ListedPerSide))
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {sign} {s.Subject} {s.Severity} score {s.Score:0.###} at {DateTimeOffset.FromUnixTimeMilliseconds(s.Ts).UtcDateTime:yyyy-MM-dd HH:mm:ss}");
        if (subjects.Count > ListedPerSide) text.AppendLine(CultureInfo.InvariantCulture, $"  {sign} … {subjects.Count - ListedPerSide} more in the JSON");
    }
}
