namespace TradeSentinel.Simulation;

/// <summary>How an account places an order at a given time: channel, key and source address, with rotations, roaming and app servers.</summary>
public sealed class Parties(Population population, SimRandom random, double missingIpShare)
{
    private readonly Dictionary<string, SimApp> _apps = population.Apps.ToDictionary(a => a.Id);

    public SimParty Usual(SimAccount account, long ts)
    {
        var key = account.Kind is AccountKind.Speculator or AccountKind.Whale && random.Chance(0.4) ? null : account.Key;
        if (key is null) return new SimParty(account, random.Chance(0.6) ? "web" : "mobile", null, Ip(AccountIp(account, ts)));
        var ip = key.AppId is { } appId ? AppIp(_apps[appId], ts) : AccountIp(account, ts);
        return new SimParty(account, "api", key, Ip(ip), key.IdAt(ts));
    }

    /// <summary>The victim's key used by the attacker, from the attacker's address.</summary>
    public SimParty Stolen(SimAccount victim, long ts, string attackerIp) =>
        new(victim, "api", victim.Key, Ip(attackerIp), victim.Key!.IdAt(ts));

    /// <summary>An address the attacker trades from (kept or dropped like every other).</summary>
    public string? Attacker(string ip) => Ip(ip);

    private string? Ip(string ip) => random.Chance(missingIpShare) ? null : ip;

    private string AccountIp(SimAccount account, long ts) =>
        ts >= account.RoamedAt && random.Chance(0.8) ? account.RoamedTo! : random.Pick(account.Ips);

    private string AppIp(SimApp app, long ts) =>
        ts >= app.NewServersAt && random.Chance(0.5) ? random.Pick(app.NewServerIps) : random.Pick(app.ServerIps);
}
