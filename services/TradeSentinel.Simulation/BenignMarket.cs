namespace TradeSentinel.Simulation;

/// <summary>
/// Ordinary trading, including the innocent things that look odd: organic pumps, copy-trading
/// bursts into low-caps, whale prints, key rotations, roaming, an app adding servers.
/// </summary>
public sealed class BenignMarket
{
    private readonly SimulationOptions _o;
    private readonly SimRandom _r;
    private readonly Population _pop;
    private readonly Parties _parties;
    private readonly Dictionary<SymbolSpec, List<SimAccount>> _habitual;
    private readonly List<SimAccount> _makers;
    private readonly List<SimAccount> _crowd;

    public Dictionary<SymbolSpec, PricePath> Prices { get; } = [];
    public List<SimTrade> Trades { get; } = [];

    public BenignMarket(SimulationOptions options, SimRandom random, Population population, Parties parties)
    {
        _o = options;
        _r = random;
        _pop = population;
        _parties = parties;
        _makers = population.OfKind(AccountKind.MarketMaker).ToList();
        _crowd = population.Accounts.Where(a => a.Kind is AccountKind.Retail or AccountKind.Speculator or AccountKind.AppUser).ToList();
        _habitual = SymbolSpec.Catalog.ToDictionary(s => s, s => population.Accounts.Where(a => a.Habits.Contains(s)).ToList());
    }

    public double QuoteUsd(SymbolSpec symbol, long ts) =>
        symbol.Quote == "BTC" ? Prices[SymbolSpec.Catalog[0]].At(ts) : 1.0;

    public void Generate()
    {
        ScheduleLifeEvents();
        var pumps = SchedulePumps();
        // BTC first: the BTC-quoted pairs are valued through it.
        foreach (var symbol in SymbolSpec.Catalog) GenerateSymbol(symbol, pumps.GetValueOrDefault(symbol));
        GenerateCopyTradingBursts();
        GenerateWhalePrints();
    }

    private void ScheduleLifeEvents()
    {
        foreach (var account in _pop.Accounts)
        {
            if (account.Key is { } key && _r.Chance(0.02))
            {
                key.RotatedTo = _pop.NewKey(key.AppId).Id;
                key.RotatedAt = _o.StartTs + (long)(_r.Uniform(0.1, 0.9) * _o.DurationMs);
            }
            if (_r.Chance(0.03))
            {
                account.RoamedTo = _pop.Ip("100");
                account.RoamedAt = _o.StartTs + (long)(_r.Uniform(0.1, 0.9) * _o.DurationMs);
            }
        }
        var growing = _r.Pick(_pop.Apps);
        for (var i = 0; i < 3; i++) growing.NewServerIps.Add(_pop.Ip("54"));
        growing.NewServersAt = _o.StartTs + (long)(_r.Uniform(0.2, 0.8) * _o.DurationMs);
    }

    private sealed record Pump(long Start, long Peak, long End, double Height);

    private Dictionary<SymbolSpec, Pump> SchedulePumps()
    {
        var pumps = new Dictionary<SymbolSpec, Pump>();
        var candidates = SymbolSpec.Catalog.Where(s => s.Tier != Tier.Major).ToList();
        var count = Math.Max(1, (int)Math.Round(_o.Hours / 3));
        foreach (var symbol in _r.Sample(candidates, count))
        {
            var start = _o.StartTs + (long)(_r.Uniform(0.1, 0.7) * _o.DurationMs);
            var length = (long)(_r.Uniform(15, 40) * 60_000);
            pumps[symbol] = new Pump(start, start + length * 6 / 10, start + length, _r.Uniform(0.3, 1.2));
        }
        return pumps;
    }

    private void GenerateSymbol(SymbolSpec symbol, Pump? pump)
    {
        var totalShare = SymbolSpec.Catalog.Sum(s => s.TradeShare);
        var rate = _o.Rate * symbol.TradeShare / totalShare;
        var path = Prices[symbol] = new PricePath();
        var mid = symbol.StartPrice;
        var end = _o.StartTs + _o.DurationMs;
        for (var ts = _o.StartTs + _r.ExponentialMs(rate); ts < end;)
        {
            var inPump = pump is not null && ts >= pump.Start && ts < pump.End;
            var drift = 0.0;
            if (inPump)
            {
                var rising = ts < pump!.Peak;
                var phase = rising ? pump.Peak - pump.Start : pump.End - pump.Peak;
                var tradesInPhase = phase / 1000.0 * rate * 15;
                drift = (rising ? Math.Log(1 + pump.Height) : -Math.Log(1 + pump.Height) * 0.8) / tradesInPhase;
            }
            mid *= Math.Exp(drift + symbol.VolPerTrade * _r.Normal());
            path.Add(ts, mid);
            var takerBuys = inPump ? _r.Chance(ts < pump!.Peak ? 0.85 : 0.2) : _r.Chance(0.5);
            var taker = inPump && _r.Chance(0.7) ? PumpCrowd() : Taker(symbol);
            var maker = Maker(symbol, taker);
            var spread = symbol.Tier switch { Tier.Major => 0.0002, Tier.MidCap => 0.001, _ => 0.004 };
            var price = mid * (1 + (takerBuys ? 1 : -1) * spread * _r.Uniform());
            var usd = taker.UsualUsd * _r.LogNormal(0, 0.6);
            AddTrade(ts, symbol, price, usd, takerBuys, _parties.Usual(taker, ts), _parties.Usual(maker, ts));
            ts += _r.ExponentialMs(inPump ? rate * 15 : rate);
        }
    }

    // People piling into a pump of their own will: mostly through the web and phone apps.
    private SimAccount PumpCrowd() => _r.Pick(_crowd);

    private SimAccount Taker(SymbolSpec symbol)
    {
        var habitual = _habitual[symbol];
        if (habitual.Count > 0 && _r.Chance(0.85)) return _r.Pick(habitual);
        return _r.Pick(_pop.Accounts);
    }

    private SimAccount Maker(SymbolSpec symbol, SimAccount taker)
    {
        var mmShare = symbol.Tier == Tier.LowCap ? 0.5 : 0.75;
        while (true)
        {
            var maker = _r.Chance(mmShare) ? _r.Pick(_makers) : Taker(symbol);
            if (maker != taker) return maker;
        }
    }

    /// <summary>Copy-trading: dozens of one app's users buy the same coin within a minute, from many makers.</summary>
    private void GenerateCopyTradingBursts()
    {
        var copyApps = _pop.Apps.Where(a => a.Style == "copy" && a.Users.Count > 10).ToList();
        var bursts = Math.Max(1, (int)Math.Round(_o.Hours));
        for (var b = 0; b < bursts && copyApps.Count > 0; b++)
        {
            var app = _r.Pick(copyApps);
            var symbol = _r.Pick(SymbolSpec.Catalog.Where(s => s.Tier != Tier.Major).ToList());
            var start = _o.StartTs + (long)(_r.Uniform(0.05, 0.95) * _o.DurationMs);
            var followers = _r.Sample(app.Users, _r.Int(20, Math.Min(60, app.Users.Count) + 1));
            var impact = symbol.Tier == Tier.LowCap ? 0.004 : 0.001;
            var premium = 0.0;
            foreach (var follower in followers)
            {
                var ts = start + _r.Int(60_000);
                premium += impact;
                var price = Prices[symbol].At(ts) * (1 + premium);
                AddTrade(ts, symbol, price, follower.UsualUsd * _r.LogNormal(0, 0.4), true,
                    _parties.Usual(follower, ts), _parties.Usual(Maker(symbol, follower), ts));
            }
        }
    }

    /// <summary>Whales: rare trades of 20–100 times their usual size, at the market.</summary>
    private void GenerateWhalePrints()
    {
        var whales = _pop.OfKind(AccountKind.Whale).ToList();
        for (var i = 0; i < (int)(_o.Hours * 3) && whales.Count > 0; i++)
        {
            var whale = _r.Pick(whales);
            var symbol = _r.Pick(SymbolSpec.Catalog.Where(s => s.Tier != Tier.LowCap).ToList());
            var ts = _o.StartTs + (long)(_r.Uniform(0.02, 0.98) * _o.DurationMs);
            var buys = _r.Chance(0.5);
            var price = Prices[symbol].At(ts) * (1 + (buys ? 1 : -1) * 0.002);
            AddTrade(ts, symbol, price, whale.UsualUsd * _r.Uniform(20, 100), buys, _parties.Usual(whale, ts), _parties.Usual(_r.Pick(_makers), ts));
        }
    }

    public void AddTrade(long ts, SymbolSpec symbol, double price, double usd, bool takerBuys, SimParty taker, SimParty maker,
        SimAccount? victim = null, SimAccount? beneficiary = null, string? leakedApp = null)
    {
        var qty = usd / (price * QuoteUsd(symbol, ts));
        var (buyer, seller) = takerBuys ? (taker, maker) : (maker, taker);
        Trades.Add(new SimTrade(ts, symbol, price, qty, takerBuys, buyer, seller) { Victim = victim, Beneficiary = beneficiary, LeakedApp = leakedApp });
    }
}
