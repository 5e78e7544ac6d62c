using System.Text.Json;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>Recommendations as the alert topic carries them, field by field: what runs that must agree are compared on (not ids alone).</summary>
public static class AlertRecords
{
    public static List<string> Json(IEnumerable<FreezeRecommendation> alerts) =>
        alerts.Select(a => JsonSerializer.Serialize(a, SentinelJson.Default.FreezeRecommendation)).Order(StringComparer.Ordinal).ToList();

    /// <summary>Asserts two runs gave the same records; on a difference the first differing pair is shown whole, not truncated.</summary>
    public static void AssertSame(IEnumerable<FreezeRecommendation> expected, IEnumerable<FreezeRecommendation> actual)
    {
        var (e, a) = (Json(expected), Json(actual));
        for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
            if (e[i] != a[i]) Assert.Fail($"record {i} of {e.Count} differs:\nexpected {e[i]}\nactual   {a[i]}");
        Assert.Equal(e.Count, a.Count);
    }
}
