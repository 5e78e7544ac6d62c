using TradeSentinel.Core.Contract;

namespace TradeSentinel.AnalystConsole.Board;

/// <summary>Groups recommendations into incidents: connected through a shared app, account, key or evidence trade.</summary>
public static class IncidentGrouping
{
    public static List<Incident> Group(IReadOnlyList<Recommendation> recommendations)
    {
        var parent = Enumerable.Range(0, recommendations.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < recommendations.Count; i++)
            foreach (var link in Links(recommendations[i].Alert))
                if (owner.TryGetValue(link, out var j)) parent[Find(i)] = Find(j);
                else owner[link] = i;
        return Enumerable.Range(0, recommendations.Count)
            .GroupBy(Find)
            .Select(g => new Incident(g.Select(i => recommendations[i]).ToList()))
            .ToList();
    }

    private static IEnumerable<string> Links(FreezeRecommendation alert)
    {
        if (alert.AppId is { } app) yield return "app\n" + app;
        if (alert.AccountId is { } account) yield return "account\n" + account;
        if (alert.ApiKeyId is { } key) yield return "key\n" + key;
        foreach (var trade in alert.TradeIds) yield return "trade\n" + trade;
    }
}
