namespace TradeSentinel.Simulation;

/// <summary>
/// The exchange's users: thousands of accounts of distinct kinds and the third-party apps some of
/// them trade through. Ids are random draws from one pool for everyone, so no id prefix or range
/// tells an attacker's or victim's account from any other.
/// </summary>
public sealed class Population
{
    private static readonly (string Id, string Style)[] AppSpecs =
        [("app-3c", "copy"), ("app-pionex", "grid"), ("app-hopper", "dca"), ("app-gridly", "grid"), ("app-signals", "copy")];

    private readonly SimRandom _random;
    private readonly HashSet<string> _usedIds = [];

    public List<SimAccount> Accounts { get; } = [];
    public List<SimApp> Apps { get; } = [];

    public Population(SimRandom random, int count)
    {
        _random = random;
        foreach (var (id, style) in AppSpecs)
        {
            var app = new SimApp(id, style);
            for (var i = 0; i < 4; i++) app.ServerIps.Add(Ip("52"));
            Apps.Add(app);
        }
        for (var i = 0; i < count; i++) Accounts.Add(NewAccount(PickKind()));
    }

    public IEnumerable<SimAccount> OfKind(AccountKind kind) => Accounts.Where(a => a.Kind == kind);

    /// <summary>A new account (not yet part of <see cref="Accounts"/>): the population's, or one an attacker opens.</summary>
    public SimAccount NewAccount(AccountKind kind)
    {
        var usual = kind switch
        {
            AccountKind.MarketMaker => _random.LogNormal(Math.Log(3000), 0.5),
            AccountKind.Whale => _random.LogNormal(Math.Log(60_000), 0.6),
            AccountKind.Speculator => _random.LogNormal(Math.Log(800), 0.8),
            _ => _random.LogNormal(Math.Log(400), 0.9),
        };
        var account = new SimAccount(NewId("A", () => _random.Int(100_000, 1_000_000).ToString()), kind, usual);
        account.Ips.Add(Ip(kind == AccountKind.Retail ? "172" : "198"));
        if (_random.Chance(0.3)) account.Ips.Add(Ip("172"));
        switch (kind)
        {
            case AccountKind.OwnApi or AccountKind.MarketMaker:
                account.Keys.Add(NewKey(null));
                break;
            case AccountKind.AppUser:
                var app = _random.Pick(Apps);
                account.Keys.Add(NewKey(app.Id));
                app.Users.Add(account);
                break;
            case AccountKind.Speculator or AccountKind.Whale when _random.Chance(0.4):
                account.Keys.Add(NewKey(null));
                break;
        }
        var tiers = kind == AccountKind.Speculator ? new[] { Tier.LowCap, Tier.MidCap, Tier.LowCap } : [Tier.Major, Tier.Major, Tier.MidCap];
        for (var i = 0; i < 3; i++)
            account.Habits.Add(_random.Pick(SymbolSpec.Catalog.Where(s => s.Tier == tiers[i]).ToList()));
        return account;
    }

    public SimKey NewKey(string? appId) => new(NewId("K", () => _random.Hex(8)), appId);

    public string Ip(string first) => $"{first}.{_random.Int(16, 32)}.{_random.Int(256)}.{_random.Int(1, 255)}";

    private AccountKind PickKind()
    {
        var u = _random.Uniform();
        return u switch
        {
            < 0.45 => AccountKind.Retail,
            < 0.60 => AccountKind.OwnApi,
            < 0.87 => AccountKind.AppUser,
            < 0.89 => AccountKind.MarketMaker,
            < 0.98 => AccountKind.Speculator,
            _ => AccountKind.Whale,
        };
    }

    private string NewId(string prefix, Func<string> draw)
    {
        while (true)
        {
            var id = prefix + draw();
            if (_usedIds.Add(id)) return id;
        }
    }
}
