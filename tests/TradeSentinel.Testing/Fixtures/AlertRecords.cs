using System.Text.Json;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>Recommendations as the alert topic carries them, field by field: what runs that must agree are compared on (not ids alone).</summary>
public static class AlertRecords
{
    public static List<string> Json(IEnumerable<FreezeRecommendation> alerts) =>
        alerts.Select(a => JsonSerializer.Serialize(a, SentinelJson.Default.FreezeRecommendation)).Order(StringComparer.Ordinal).ToList();
}
