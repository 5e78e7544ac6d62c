using TradeSentinel.Alerting.Suppression;
using TradeSentinel.Core.Contract;

namespace TradeSentinel.Tools.Shadow;

/// <summary>
/// Compares two runs' recommendations by subject (action and entity, what an analyst decides and a
/// dismissal suppresses), not by alert id: a different model raises the same subject on a different
/// fill, which is the same work for the risk team.
/// </summary>
public static class ShadowComparison
{
    public static ShadowDiff Compare(IEnumerable<FreezeRecommendation> live, IEnumerable<FreezeRecommendation> candidate,
        string liveModelVersion, string candidateModelVersion, string input, long trades)
    {
        var liveSubjects = BySubject(live);
        var candidateSubjects = BySubject(candidate);
        return new ShadowDiff
        {
            CandidateModelVersion = candidateModelVersion,
            LiveModelVersion = liveModelVersion,
            Input = input,
            Trades = trades,
            Gained = Describe(candidateSubjects, liveSubjects),
            Lost = Describe(liveSubjects, candidateSubjects),
            Kept = [.. liveSubjects.Keys.Where(candidateSubjects.ContainsKey).Order(StringComparer.Ordinal)],
        };
    }

    private static SortedDictionary<string, List<FreezeRecommendation>> BySubject(IEnumerable<FreezeRecommendation> alerts)
    {
        var subjects = new SortedDictionary<string, List<FreezeRecommendation>>(StringComparer.Ordinal);
        foreach (var alert in alerts)
        {
            var subject = SuppressionSubject.Of(alert);
            if (!subjects.TryGetValue(subject, out var list)) subjects[subject] = list = [];
            list.Add(alert);
        }
        return subjects;
    }

    /// <summary>The subjects of <paramref name="these"/> absent from <paramref name="others"/>, earliest first (then by subject: deterministic).</summary>
    private static List<ShadowSubject> Describe(SortedDictionary<string, List<FreezeRecommendation>> these,
        SortedDictionary<string, List<FreezeRecommendation>> others) =>
        these.Where(s => !others.ContainsKey(s.Key))
            .Select(s => Subject(s.Key, s.Value))
            .OrderBy(s => s.Ts).ThenBy(s => s.Subject, StringComparer.Ordinal).ToList();

    private static ShadowSubject Subject(string subject, List<FreezeRecommendation> alerts)
    {
        var first = alerts.OrderBy(a => a.Ts).ThenBy(a => a.AlertId, StringComparer.Ordinal).First();
        return new ShadowSubject
        {
            Subject = subject,
            Action = first.Action,
            AccountId = first.AccountId,
            ApiKeyId = first.ApiKeyId,
            AppId = first.AppId,
            Symbol = first.Symbol,
            Severity = first.Severity,
            Score = first.Score,
            Ts = first.Ts,
            AlertId = first.AlertId,
            Recommendations = alerts.Count,
            Reasons = [.. first.Reasons.Select(r => r.Detail)],
        };
    }
}
