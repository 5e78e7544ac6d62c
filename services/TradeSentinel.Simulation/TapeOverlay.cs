using TradeSentinel.Core.Contract;

namespace TradeSentinel.Simulation;

/// <summary>
/// Lays an attack over a recorded tape, for measuring on (and training for) a venue's real market:
/// the victims are the tape's own accounts of the profile the attack needs (its app users' keys
/// for a leaked app, its own-key traders' keys for phishing), the beneficiaries accounts the
/// attacker opens or the tape's own quiet accounts, the coins among the tape's thinnest, and every
/// price the coin's own last price times the attack's premium. Same tape and seed, same trades.
/// </summary>
public sealed class TapeOverlay
{
    /// <summary>One injected trade and its ground truth; <paramref name="App"/> is the leaked app, if the attack leaked one.</summary>
    public sealed record Injected(TradeEvent Trade, string Victim, string Beneficiary, string? App, double Usd);

    private sealed record Party(string Account, string? KeyId, string? App, double UsualUsd);

    private readonly SimRandom _r;
    private readonly Dictionary<string, List<TradeEvent>> _bySymbol;
    private readonly Dictionary<string, Party> _appUsers = [];
    private readonly Dictionary<string, Party> _ownKeyTraders = [];
    private readonly Dictionary<string, TradeParty> _lastSeenAs = [];
    private readonly Dictionary<string, int> _fills = [];
    private readonly HashSet<string> _accounts = [];
    private readonly string _idShape;
    private int _next;

    /// <summary>An attack with no victim of its profile on the tape, or no coin with 200 trades to price against, lays nothing.</summary>
    public TapeOverlay(IReadOnlyList<TradeEvent> tape, int seed)
    {
        if (tape.Count == 0) throw new ArgumentException("an overlay needs a tape with trades", nameof(tape));
        _r = new SimRandom(seed);
        _bySymbol = tape.GroupBy(t => t.Symbol!).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList());
        var usd = new Dictionary<string, double>();
        foreach (var t in tape)
            foreach (var p in new[] { t.Buyer!, t.Seller! })
            {
                var account = p.AccountId!;
                _accounts.Add(account);
                usd[account] = usd.GetValueOrDefault(account) + t.Price!.Value * t.Qty!.Value * (t.QuoteUsd ?? 1);
                _fills[account] = _fills.GetValueOrDefault(account) + 1;
                _lastSeenAs[account] = p;
                if (p.ApiKeyId is not { } key) continue;
                if (p.AppId is { } app) _appUsers[account] = new Party(account, key, app, 0);
                else _ownKeyTraders[account] = new Party(account, key, null, 0);
            }
        foreach (var users in new[] { _appUsers, _ownKeyTraders })
            foreach (var (account, party) in users.ToList())
                users[account] = party with { UsualUsd = usd[account] / _fills[account] };
        // An account that used both an app and a key of its own is the app's user: its own key is not what the app leak spends.
        foreach (var account in _appUsers.Keys) _ownKeyTraders.Remove(account);
        _idShape = tape[0].Buyer!.AccountId!;
    }

    /// <summary>
    /// One app's keys spent in <paramref name="coins"/> thin coins, a wave each of
    /// <paramref name="minMinutes"/>–<paramref name="maxMinutes"/>, at 2–5x (rising through the
    /// wave) into <paramref name="beneficiaries"/> accounts that sell in turn.
    /// </summary>
    public List<Injected> AppLeak(int beneficiaries, int coins, double minMinutes = 8, double maxMinutes = 20)
    {
        if (_appUsers.Count == 0 || ThinCoins(coins).Count < coins) return [];
        var app = _appUsers.Values.GroupBy(p => p.App).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        var users = _appUsers.Values.Where(p => p.App == app).OrderBy(p => p.Account, StringComparer.Ordinal).ToList();
        var victims = _r.Sample(users, Math.Min(users.Count, _r.Int(Math.Max(40, 3 * beneficiaries), 121)));
        var sellers = Enumerable.Range(0, beneficiaries).Select(_ => NewBeneficiary()).ToList();
        var ips = Enumerable.Range(0, _r.Int(2, 6)).Select(_ => AttackerIp()).ToList();
        var chosen = _r.Sample(ThinCoins(coins), coins);
        var injected = new List<Injected>();
        var waves = victims.Chunk((victims.Count + coins - 1) / coins).ToList();
        var turn = 0;
        for (var w = 0; w < waves.Count; w++)
        {
            var tape = _bySymbol[chosen[w]];
            var start = StartIn(tape);
            var length = (long)(_r.Uniform(minMinutes, maxMinutes) * 60_000);
            var basePremium = _r.Uniform(1.0, 4.0);
            var orders = Orders(waves[w], start, length);
            foreach (var (victim, ts) in orders)
            {
                var premium = basePremium * (1 + 0.5 * (ts - start) / length);
                var usd = victim.UsualUsd * _r.Uniform(1, 6);
                var ip = _r.Pick(ips);
                injected.Add(Steal(tape, victim, sellers[turn++ % sellers.Count](ip), ts, premium, usd, ip, app));
            }
        }
        return injected;
    }

    /// <summary>
    /// Individually phished own keys (no app in common): 20–40 of the tape's own-key traders, three
    /// per beneficiary the attacker opens, each group spending in one thin coin within half an hour
    /// at 1.5–4x, from one address per group.
    /// </summary>
    public List<Injected> Phished()
    {
        if (ThinCoins(1).Count == 0) return [];
        var traders = _ownKeyTraders.Values.OrderBy(p => p.Account, StringComparer.Ordinal).ToList();
        var victims = _r.Sample(traders, Math.Min(traders.Count, _r.Int(20, 41)));
        var coins = ThinCoins(3);
        var injected = new List<Injected>();
        foreach (var group in victims.Chunk(3))
        {
            var beneficiary = NewBeneficiary();
            var ip = AttackerIp();
            var tape = _bySymbol[_r.Pick(coins)];
            var start = StartIn(tape);
            foreach (var victim in group)
                for (var k = _r.Int(1, 4); k > 0; k--)
                    injected.Add(Steal(tape, victim, beneficiary(ip), start + _r.Int(30 * 60_000), _r.Uniform(0.5, 3.0),
                        victim.UsualUsd * _r.Uniform(1, 5), ip, null));
        }
        return SortedByTime(injected);
    }

    /// <summary>
    /// An attacker who knows that many payers and many winners look like a pump: 12–20 of the tape's
    /// own-key traders, phished one by one (each its own payer, no app in common), spent in one thin
    /// coin within 3–8 minutes at 1.5–4x into <paramref name="beneficiaries"/> new accounts, one victim
    /// per seller in turn, from a few attacker addresses.
    /// </summary>
    public List<Injected> PhishedCrowd(int beneficiaries)
    {
        if (ThinCoins(1).Count == 0 || _ownKeyTraders.Count == 0) return [];
        var traders = _ownKeyTraders.Values.OrderBy(p => p.Account, StringComparer.Ordinal).ToList();
        var victims = _r.Sample(traders, Math.Min(traders.Count, _r.Int(Math.Max(12, beneficiaries), Math.Max(21, beneficiaries + 1))));
        var sellers = Enumerable.Range(0, beneficiaries).Select(_ => NewBeneficiary()).ToList();
        var ips = Enumerable.Range(0, _r.Int(2, 6)).Select(_ => AttackerIp()).ToList();
        var tape = _bySymbol[_r.Pick(ThinCoins(1))];
        var start = StartIn(tape);
        var length = (long)(_r.Uniform(3, 8) * 60_000);
        var orders = Orders(victims, start, length);
        var sellerOf = victims.Select((v, i) => (v.Account, Seller: sellers[i % sellers.Count])).ToDictionary(x => x.Account, x => x.Seller);
        var injected = new List<Injected>();
        foreach (var (victim, ts) in orders)
        {
            var ip = _r.Pick(ips);
            injected.Add(Steal(tape, victim, sellerOf[victim.Account](ip), ts, _r.Uniform(0.5, 3.0), victim.UsualUsd * _r.Uniform(1, 5), ip, null));
        }
        return SortedByTime(injected);
    }

    /// <summary>
    /// Many beneficiaries, two victims each (the tape's app users and own-key traders alike), over
    /// an hour in the thinner half of its coins at 1.4–3.5x, a new source address per request. The
    /// beneficiaries are the tape's own quiet accounts (a handful of ordinary fills at the market,
    /// trading from their usual channel and address): accounts opened long before the attack, so
    /// "never traded before" and "only ever won off-market" do not hold for them.
    /// </summary>
    public List<Injected> ManyBeneficiaries()
    {
        if (ThinCoins(1).Count == 0) return [];
        var pool = _appUsers.Values.Concat(_ownKeyTraders.Values).OrderBy(p => p.Account, StringComparer.Ordinal).ToList();
        var victims = _r.Sample(pool, Math.Min(pool.Count, _r.Int(30, 51)));
        var taken = victims.Select(v => v.Account).ToHashSet();
        var quiet = _fills.Where(f => f.Value is >= 2 and <= 5 && !taken.Contains(f.Key) && _lastSeenAs[f.Key].AppId is null)
            .Select(f => f.Key).Order(StringComparer.Ordinal).ToList();
        var beneficiaries = _r.Sample(quiet, (victims.Count + 1) / 2);
        var coins = ThinCoins(Math.Max(1, _bySymbol.Count / 2));
        var start = StartIn(_bySymbol[coins[0]]);
        var injected = new List<Injected>();
        for (var g = 0; g < victims.Count; g += 2)
        {
            var seller = g / 2 < beneficiaries.Count ? UsualParty(beneficiaries[g / 2]) : NewBeneficiary(); // a tape with too few quiet accounts
            var tape = _bySymbol[_r.Pick(coins)];
            foreach (var victim in victims.Skip(g).Take(2))
                for (var k = _r.Int(1, 4); k > 0; k--)
                {
                    var ts = start + _r.Int(60 * 60_000);
                    var premium = _r.Uniform(0.4, 2.5);
                    var usd = victim.UsualUsd * _r.Uniform(1, 5);
                    var ip = AttackerIp(); // a new source address on every request
                    injected.Add(Steal(tape, victim, seller(ip), ts, premium, usd, ip, null));
                }
        }
        return SortedByTime(injected);
    }

    // One to three orders per victim, at random times in [start, start + length), in time order.
    private List<(Party Victim, long Ts)> Orders(IEnumerable<Party> victims, long start, long length) =>
        victims.SelectMany(v => Enumerable.Range(0, _r.Int(1, 4)).Select(_ => (Victim: v, Ts: start + (long)(_r.Uniform() * length))))
            .OrderBy(o => o.Ts).ToList();

    // The thinner half of the tape's coins, by trades (at least `count`), among those with enough of a tape to price against.
    private List<string> ThinCoins(int count)
    {
        var thin = _bySymbol.Where(s => s.Value.Count >= 200).OrderBy(s => s.Value.Count).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => s.Key).ToList();
        return thin.Take(Math.Max(count, thin.Count / 2)).ToList();
    }

    private long StartIn(List<TradeEvent> tape) => tape[(int)(tape.Count * _r.Uniform(0.2, 0.8))].Ts!.Value;

    private string AttackerIp() => $"185.{_r.Int(16, 32)}.{_r.Int(256)}.{_r.Int(1, 255)}";

    // An account the attacker opens and the key he trades it with; the party it shows depends on the address of the order at hand.
    private Func<string, TradeParty> NewBeneficiary()
    {
        var account = NewAccount();
        var key = "K" + _r.Hex(8);
        return ip => new TradeParty { AccountId = account, Channel = "api", ApiKeyId = key, ClientIp = ip };
    }

    // A quiet account of the tape trading as it always did: its own channel, key and address, whatever the attacker's address.
    private Func<string, TradeParty> UsualParty(string account)
    {
        var usual = _lastSeenAs[account];
        return _ => new TradeParty { AccountId = account, Channel = usual.Channel, ApiKeyId = usual.ApiKeyId, ClientIp = usual.ClientIp };
    }

    private static List<Injected> SortedByTime(List<Injected> injected) =>
        injected.OrderBy(x => x.Trade.Ts).ThenBy(x => x.Trade.TradeId, StringComparer.Ordinal).ToList();

    private Injected Steal(List<TradeEvent> tape, Party victim, TradeParty beneficiary, long ts, double premium, double usd, string ip, string? leakedApp)
    {
        var last = LastBefore(tape, ts);
        var price = last.Price!.Value * (1 + premium);
        var quoteUsd = last.QuoteUsd ?? 1;
        var trade = new TradeEvent
        {
            TradeId = $"OV{++_next:D7}",
            Exchange = last.Exchange,
            Ts = ts,
            Symbol = last.Symbol,
            Price = price,
            Qty = usd / (price * quoteUsd),
            TakerSide = "buy",
            QuoteUsd = last.QuoteUsd,
            Buyer = new TradeParty { AccountId = victim.Account, Channel = "api", ApiKeyId = victim.KeyId, AppId = victim.App, ClientIp = ip },
            Seller = beneficiary,
        };
        return new Injected(trade, victim.Account, beneficiary.AccountId!, leakedApp, Math.Round(usd, 2));
    }

    private static TradeEvent LastBefore(List<TradeEvent> tape, long ts)
    {
        int lo = 0, hi = tape.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (tape[mid].Ts!.Value <= ts) lo = mid;
            else hi = mid - 1;
        }
        return tape[lo];
    }

    // An id shaped like the tape's own (same prefix and length), never one the tape uses.
    private string NewAccount()
    {
        var digits = _idShape.Count(char.IsDigit);
        var prefix = _idShape[..(_idShape.Length - digits)];
        while (true)
        {
            var id = prefix + string.Concat(Enumerable.Range(0, digits).Select(i => (char)('0' + (i == 0 ? _r.Int(1, 10) : _r.Int(10)))));
            if (_accounts.Add(id)) return id;
        }
    }
}
