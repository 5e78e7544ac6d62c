using TradeSentinel.Core.Contract;

namespace TradeSentinel.Simulation;

/// <summary>
/// Lays a leaked-app attack over a recorded tape, for measuring on a venue's real market: the
/// victims are the tape's own users of its most used app, the beneficiaries accounts the attacker
/// opens, the coins among the tape's thinnest, and every price the coin's own last price times the
/// attack's premium. Same tape and seed, same trades.
/// </summary>
public sealed class TapeOverlay
{
    /// <summary>One injected trade and its ground truth.</summary>
    public sealed record Injected(TradeEvent Trade, string Victim, string Beneficiary, string App, double Usd);

    private sealed record Party(string Account, string KeyId, string App, double UsualUsd);

    private readonly SimRandom _r;
    private readonly Dictionary<string, List<TradeEvent>> _bySymbol;
    private readonly Dictionary<string, Party> _appUsers = [];
    private readonly HashSet<string> _accounts = [];
    private readonly string _idShape;
    private int _next;

    public TapeOverlay(IReadOnlyList<TradeEvent> tape, int seed)
    {
        _r = new SimRandom(seed);
        _bySymbol = tape.GroupBy(t => t.Symbol!).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList());
        var sizes = new Dictionary<string, (double Usd, int Trades)>();
        foreach (var t in tape)
            foreach (var p in new[] { t.Buyer!, t.Seller! })
            {
                _accounts.Add(p.AccountId!);
                var (usd, n) = sizes.GetValueOrDefault(p.AccountId!);
                sizes[p.AccountId!] = (usd + t.Price!.Value * t.Qty!.Value * (t.QuoteUsd ?? 1), n + 1);
                if (p.AppId is { } app && p.ApiKeyId is { } key) _appUsers[p.AccountId!] = new Party(p.AccountId!, key, app, 0);
            }
        foreach (var (account, party) in _appUsers.ToList())
            _appUsers[account] = party with { UsualUsd = sizes[account].Usd / sizes[account].Trades };
        _idShape = tape[0].Buyer!.AccountId!;
    }

    /// <summary>
    /// One app's keys spent in <paramref name="coins"/> thin coins, a wave each of
    /// <paramref name="minMinutes"/>–<paramref name="maxMinutes"/>, at 2–5x (rising through the
    /// wave) into <paramref name="beneficiaries"/> accounts that sell in turn.
    /// </summary>
    public List<Injected> AppLeak(int beneficiaries, int coins, double minMinutes = 8, double maxMinutes = 20)
    {
        var app = _appUsers.Values.GroupBy(p => p.App).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        var users = _appUsers.Values.Where(p => p.App == app).OrderBy(p => p.Account, StringComparer.Ordinal).ToList();
        var victims = _r.Sample(users, Math.Min(users.Count, _r.Int(Math.Max(40, 3 * beneficiaries), 121)));
        var sellers = Enumerable.Range(0, beneficiaries).Select(_ => (Account: NewAccount(), Key: "K" + _r.Hex(8))).ToList();
        var ips = Enumerable.Range(0, _r.Int(2, 6)).Select(_ => $"185.{_r.Int(16, 32)}.{_r.Int(256)}.{_r.Int(1, 255)}").ToList();
        // The thinner half of the tape's coins, by trades, among those with enough of a tape to price against.
        var thin = _bySymbol.Where(s => s.Value.Count >= 200).OrderBy(s => s.Value.Count).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => s.Key).ToList();
        var chosen = _r.Sample(thin.Take(Math.Max(coins, thin.Count / 2)).ToList(), coins);
        var injected = new List<Injected>();
        var waves = victims.Chunk((victims.Count + coins - 1) / coins).ToList();
        var turn = 0;
        for (var w = 0; w < waves.Count; w++)
        {
            var tape = _bySymbol[chosen[w]];
            var start = tape[(int)(tape.Count * _r.Uniform(0.2, 0.8))].Ts!.Value;
            var length = (long)(_r.Uniform(minMinutes, maxMinutes) * 60_000);
            var basePremium = _r.Uniform(1.0, 4.0);
            var orders = waves[w].SelectMany(v => Enumerable.Range(0, _r.Int(1, 4)).Select(_ => (Victim: v, Ts: start + (long)(_r.Uniform() * length))))
                .OrderBy(o => o.Ts).ToList();
            foreach (var (victim, ts) in orders)
            {
                var premium = basePremium * (1 + 0.5 * (ts - start) / length);
                injected.Add(Steal(tape, victim, sellers[turn++ % sellers.Count], ts, premium, victim.UsualUsd * _r.Uniform(1, 6), _r.Pick(ips)));
            }
        }
        return injected;
    }

    private Injected Steal(List<TradeEvent> tape, Party victim, (string Account, string Key) beneficiary, long ts, double premium, double usd, string ip)
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
            Seller = new TradeParty { AccountId = beneficiary.Account, Channel = "api", ApiKeyId = beneficiary.Key, ClientIp = ip },
        };
        return new Injected(trade, victim.Account, beneficiary.Account, victim.App, Math.Round(usd, 2));
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
