using StackExchange.Redis;

namespace TradeSentinel.Tools.Bench;

/// <summary>
/// What a run cost Redis: commands by name (from <c>INFO commandstats</c>) and memory per tracked
/// entity by key kind (<c>MEMORY USAGE</c> of a sample of each kind's keys).
/// </summary>
public sealed record RedisFootprint(Dictionary<string, long> Commands, long TotalCommands, long UsedMemoryBytes,
    Dictionary<string, (long Keys, double MeanBytes)> ByKind)
{
    /// <summary>
    /// Key kinds by prefix after the configured key prefix: the alerter's windows (in a hash tag,
    /// each with its <c>:latest</c> index, counted as part of the same entity), claims, and the scorer's state.
    /// </summary>
    private static readonly string[] Kinds = ["{acct:", "{cp:", "{app:", "alert:", "scorer:"];
    private const string IndexSuffix = ":latest";

    public static RedisFootprint Measure(string configuration, string keyPrefix)
    {
        using var connection = ConnectionMultiplexer.Connect($"{configuration},allowAdmin=true");
        var server = connection.GetServers().Single();
        var commands = new Dictionary<string, long>();
        foreach (var (key, value) in server.Info("commandstats").SelectMany(g => g))
            if (key.StartsWith("cmdstat_", StringComparison.Ordinal) && key[8..] is not ("info" or "memory" or "scan" or "config" or "client" or "cluster" or "ping" or "subscribe" or "echo"))
                commands[key[8..]] = long.Parse(value.Split(',')[0].Split('=')[1]);
        var used = long.Parse(server.Info("memory").SelectMany(g => g).First(p => p.Key == "used_memory").Value);
        var db = connection.GetDatabase();
        var byKind = new Dictionary<string, (long, double)>();
        foreach (var kind in Kinds)
        {
            var keys = server.Keys(pattern: $"{keyPrefix}{kind}*", pageSize: 1000)
                .Where(k => !k.ToString().EndsWith(IndexSuffix, StringComparison.Ordinal)).ToList();
            var sample = keys.Take(500).Select(k => Usage(db, k) + Usage(db, k.Append(IndexSuffix))).ToList();
            byKind[kind.Trim('{', ':')] = (keys.Count, sample.Count == 0 ? 0 : sample.Average());
        }
        return new RedisFootprint(commands, commands.Values.Sum(), used, byKind);
    }

    private static long Usage(IDatabase db, RedisKey key) => db.Execute("MEMORY", "USAGE", key) is { IsNull: false } bytes ? (long)bytes : 0;
}
