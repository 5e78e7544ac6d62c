namespace TradeSentinel.Simulation;

/// <summary>How an account trades, which decides its channel, keys, symbols and sizes.</summary>
public enum AccountKind { Retail, OwnApi, AppUser, MarketMaker, Speculator, Whale }

/// <summary>An API key: its id, the app it is registered to (null for the account's own), and its source addresses.</summary>
public sealed class SimKey(string id, string? appId)
{
    public string Id { get; } = id;
    public string? AppId { get; } = appId;

    /// <summary>A key rotation: from <see cref="RotatedAt"/> on the account trades with <see cref="RotatedTo"/>.</summary>
    public string? RotatedTo { get; set; }
    public long RotatedAt { get; set; } = long.MaxValue;

    public string IdAt(long ts) => ts >= RotatedAt ? RotatedTo! : Id;
}

/// <summary>A simulated account. Ids carry no hint of the account's kind or of its role in an attack.</summary>
public sealed class SimAccount(string id, AccountKind kind, double usualUsd)
{
    public string Id { get; } = id;
    public AccountKind Kind { get; } = kind;

    /// <summary>The account's typical trade size in USD.</summary>
    public double UsualUsd { get; } = usualUsd;
    public List<SimKey> Keys { get; } = [];

    /// <summary>Addresses the account (or its own keys) trades from; app keys trade from their app's servers.</summary>
    public List<string> Ips { get; } = [];

    /// <summary>Roaming: from <see cref="RoamedAt"/> on the account trades from <see cref="RoamedTo"/>.</summary>
    public string? RoamedTo { get; set; }
    public long RoamedAt { get; set; } = long.MaxValue;

    /// <summary>Symbols it trades habitually.</summary>
    public List<SymbolSpec> Habits { get; } = [];

    public SimKey? Key => Keys.Count == 0 ? null : Keys[^1];
}

/// <summary>A third-party trading app with the servers its users' keys trade from.</summary>
public sealed class SimApp(string id, string style)
{
    public string Id { get; } = id;

    /// <summary><c>dca</c>, <c>grid</c> or <c>copy</c>.</summary>
    public string Style { get; } = style;
    public List<string> ServerIps { get; } = [];

    /// <summary>The app adding servers: from <see cref="NewServersAt"/> on its keys also trade from these.</summary>
    public List<string> NewServerIps { get; } = [];
    public long NewServersAt { get; set; } = long.MaxValue;
    public List<SimAccount> Users { get; } = [];
}
