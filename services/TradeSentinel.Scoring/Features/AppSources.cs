namespace TradeSentinel.Scoring.Features;

/// <summary>
/// The addresses a third-party app's keys trade from: its servers. An app spreads its users'
/// orders over many servers, so a key seen from one of its app's servers for the first time has
/// not changed hands. An address counts as the app's only once two different keys of the app
/// traded from it at the market: the addresses an attacker spends stolen keys from see only
/// off-market losses, and never become the app's.
/// </summary>
public sealed class AppSources
{
    private const int MaxPerApp = 256;
    private const int MaxApps = 4096;

    private sealed class Source
    {
        public int FirstKey;
        public bool Confirmed;
        public long LastTs;
    }

    private readonly Dictionary<string, Dictionary<int, Source>> _apps = new(StringComparer.Ordinal);

    public bool Knows(string app, int ip) => _apps.TryGetValue(app, out var sources) && sources.TryGetValue(ip, out var s) && s.Confirmed;

    /// <summary>A fill of <paramref name="key"/> (hashed) of the app at the market, from <paramref name="ip"/>.</summary>
    public void LearnAtMarket(string app, int key, int ip, long ts)
    {
        if (!_apps.TryGetValue(app, out var sources))
        {
            if (_apps.Count >= MaxApps) _apps.Clear();
            _apps[app] = sources = [];
        }
        if (!sources.TryGetValue(ip, out var source))
        {
            if (sources.Count >= MaxPerApp) Forget(sources);
            sources[ip] = source = new Source { FirstKey = key };
        }
        source.Confirmed |= source.FirstKey != key;
        source.LastTs = Math.Max(source.LastTs, ts);
    }

    // The least recently used half, in a deterministic order.
    private static void Forget(Dictionary<int, Source> sources)
    {
        foreach (var ip in sources.OrderBy(s => s.Value.LastTs).ThenBy(s => s.Key).Take(sources.Count / 2).Select(s => s.Key).ToList())
            sources.Remove(ip);
    }
}
