using TradeSentinel.Core;
using TradeSentinel.Core.EventTime;
using TradeSentinel.Core.Pipeline;

namespace TradeSentinel.Scoring.Features;

/// <summary>
/// Computes a fill's features from the account's state before it, then folds the fill into that
/// state. Pure and event-time only: the same fills in the same order give the same vectors.
/// </summary>
public sealed class FeatureExtractor
{
    private const long IdleMs = 30L * 24 * 3_600_000;
    private const long PayerWindowMs = 3_600_000;
    private const double FlowLifeMs = 3_600_000;
    private const double BurstHalfLifeMs = 300_000;
    private const double UsualSizeWeight = 0.1;

    // A win must clear the noise of the symbol's prices: two dispersions, and at least 3%.
    private const double MinWinDispersions = 2;
    private const double MinWinMargin = 0.03;

    private readonly Dictionary<string, AccountState> _accounts = new(StringComparer.Ordinal);
    private readonly AppSources _appSources = new();
    private long _lastSweep;

    internal AccountState? StateOf(string account) => _accounts.GetValueOrDefault(account);

    /// <summary>Accounts whose state changed since the last <see cref="TakeDirty"/>: what a checkpoint saves.</summary>
    private readonly Dictionary<string, AccountState> _dirty = new(StringComparer.Ordinal);

    public bool Knows(string account) => _accounts.ContainsKey(account);

    public int AccountCount => _accounts.Count;

    /// <summary>
    /// True when every fill remembered of the account, the last one included, took the winning side
    /// of an off-market price. That is how an account opened to collect from stolen keys looks; a
    /// market maker or an ordinary user also trades at the market.
    /// </summary>
    public bool OnlyWinsOffMarket(string account) =>
        _accounts.TryGetValue(account, out var s) && s.Fills > 0 && s.OffMarketWins == s.Fills;

    /// <summary>Puts back an account's state restored from the state store (only for an account not in memory).</summary>
    public void Restore(string account, AccountState state) => _accounts.TryAdd(account, state);

    /// <summary>True when the account's state already contains this fill (a redelivery after a restart).</summary>
    public bool AlreadyApplied(Fill fill) =>
        _accounts.TryGetValue(fill.AccountId, out var s) && s.Fills > 0 && fill.Key.CompareTo(s.LastApplied) <= 0;

    /// <summary>
    /// The accounts changed since the last call, encoded as they are now: what a checkpoint saves
    /// while the states go on changing.
    /// </summary>
    public Dictionary<string, byte[]> TakeDirty()
    {
        var dirty = new Dictionary<string, byte[]>(_dirty.Count, StringComparer.Ordinal);
        foreach (var (account, state) in _dirty) dirty[account] = AccountStateCodec.Encode(state);
        _dirty.Clear();
        return dirty;
    }

    /// <summary>Writes the fill's features into <paramref name="into"/> and returns the adverse premium.</summary>
    public double Extract(Fill fill, Span<float> into)
    {
        // What is older than the scorer's memory is not known: a state or key silent that long
        // (e.g. one restored from the store after a long absence) is judged like a new one.
        if (!_accounts.TryGetValue(fill.AccountId, out var s) || fill.Ts - s.LastTs > IdleMs) _accounts[fill.AccountId] = s = new AccountState();
        var premium = AdversePremium(fill);
        var logPremium = fill.Market.Vwap15m > 0 ? Math.Log(1 + premium) : 0;
        var logUsd = Math.Log10(1 + fill.Usd);
        var symbol = StableHash.Of(fill.Symbol);
        var key = fill.ApiKeyId is null ? null : s.Keys.Find(k => k.KeyId == fill.ApiKeyId);
        if (key is not null && fill.Ts - key.LastTs > IdleMs)
        {
            s.Keys.Remove(key);
            key = null;
        }
        int? ip = fill.ClientIp is null ? null : StableHash.Of(fill.ClientIp);
        var burst = s.BurstLevel * Decay(fill.Ts - s.BurstTs);
        var offMarketWin = fill.Market.Vwap15m > 0 && -logPremium >= Math.Max(MinWinDispersions * fill.Market.Dispersion, MinWinMargin);

        into[FeatureSchema.AdversePremiumZ] = (float)Math.Clamp(logPremium / fill.Market.Dispersion, -20, 50);
        into[FeatureSchema.AdversePremium] = (float)Math.Clamp(logPremium, -1, 3);
        into[FeatureSchema.LogUsd] = (float)logUsd;
        into[FeatureSchema.SizeVsUsual] = (float)(logUsd - UsualLogUsd(s, fill.Market, logUsd));
        into[FeatureSchema.LogLiquidity] = (float)Math.Log10(1 + fill.Market.UsdVolume1h);
        into[FeatureSchema.NewSymbol] = s.Symbols.Contains(symbol) ? 0 : 1;
        into[FeatureSchema.History] = (float)Math.Log10(1 + s.Fills);
        into[FeatureSchema.NewKey] = fill.ApiKeyId is not null && key is null ? 1 : 0;
        into[FeatureSchema.KeyIdleDays] = key is null ? 0 : (float)Math.Log(1 + (fill.Ts - key.LastTs) / 86_400_000.0);
        into[FeatureSchema.NewIp] = NewSource(fill, key, ip) ? 1 : 0;
        into[FeatureSchema.ViaApi] = fill.Channel == "api" ? 1 : 0;
        into[FeatureSchema.ViaApp] = fill.AppId is null ? 0 : 1;
        into[FeatureSchema.Taker] = fill.Taker ? 1 : 0;
        into[FeatureSchema.Burst] = (float)Math.Log(1 + burst);
        into[FeatureSchema.PayingCounterparties] = CountPayers(s, fill);
        // How many distinct accounts were on the winning side of off-market trades like this one.
        into[FeatureSchema.AdverseCrowd] = (float)Math.Log(1 + fill.WinningCrowd5m);
        // ...and how many independent others paid such prices: the organic crowd, which an attacker's sellers are not.
        into[FeatureSchema.PayingCrowd] = (float)Math.Log(1 + fill.PayingCrowd5m);

        into[FeatureSchema.OffMarketOffset] = (float)OffsetShare(s, fill, premium, logPremium);

        if (offMarketWin) s.OffMarketWins++;
        var atMarket = fill.Market.Vwap15m > 0 && Math.Abs(logPremium) < Math.Max(MinWinDispersions * fill.Market.Dispersion, MinWinMargin);
        if (atMarket && fill.AppId is { } app && fill.ApiKeyId is { } keyId && ip is { } source)
            _appSources.LearnAtMarket(app, StableHash.Of(keyId), source, fill.Ts);
        Fold(s, fill, logUsd, symbol, key, ip, burst);
        s.LastApplied = fill.Key;
        _dirty[fill.AccountId] = s;
        if (fill.Ts - _lastSweep > IdleMs / 30) Sweep(fill.Ts);
        return premium;
    }

    /// <summary>
    /// Folds the fill's off-market gain or loss (in USD, against the reference) into the
    /// account's decaying flows and returns how two-sided its off-market trading is: the smaller
    /// of what it won and lost (this fill included) over the larger, or 0 when this fill alone
    /// lost more than half of what it won. A bot trading a volatile market wins about what it
    /// loses, a little at a time; the owner of a stolen key only loses, or loses at once more than
    /// it happened to win, and an attacker who paid the victim back enough to look two-sided would
    /// give up that much of the loot.
    /// </summary>
    private static double OffsetShare(AccountState s, Fill fill, double premium, double logPremium)
    {
        var decay = Math.Exp(-Math.Max(0, fill.Ts - s.FlowTs) / FlowLifeMs);
        s.OffMarketWonUsd *= decay;
        s.OffMarketLostUsd *= decay;
        s.FlowTs = Math.Max(s.FlowTs, fill.Ts);
        var loss = 0.0;
        if (fill.Market.Vwap15m > 0 && Math.Abs(logPremium) >= Math.Max(MinWinDispersions * fill.Market.Dispersion, MinWinMargin))
        {
            // What the fill's goods were worth at the reference, against what changed hands.
            var flow = fill.IsBuy ? fill.Usd * premium / (1 + premium) : fill.Usd * premium;
            if (flow > 0) s.OffMarketLostUsd += loss = flow;
            else s.OffMarketWonUsd -= flow;
        }
        var (won, lost) = (s.OffMarketWonUsd, s.OffMarketLostUsd);
        return loss > 0.5 * won || Math.Max(won, lost) <= 0 ? 0 : Math.Min(won, lost) / Math.Max(won, lost);
    }

    /// <summary>
    /// The order came from an address its key never used (a key of an app: nor any of the app's
    /// servers, whether the key is known or new). A key without remembered addresses, or an order
    /// without one, is not evidence.
    /// </summary>
    private bool NewSource(Fill fill, AccountState.KeyUse? key, int? ip)
    {
        if (fill.ApiKeyId is null || ip is not { } address) return false;
        if (fill.AppId is { } app && _appSources.Knows(app, address)) return false;
        if (key is null) return fill.AppId is not null;
        return key.Ips.Count > 0 && !key.Ips.Contains(address);
    }

    /// <summary>
    /// The account's usual trade size (log10 USD); for an account without history, the symbol's
    /// average trade of the last hour (unknown is not "usual": a newcomer is sized against the
    /// market), and only with neither the fill's own size.
    /// </summary>
    private static double UsualLogUsd(AccountState s, MarketContext market, double logUsd) =>
        s.Fills > 0 ? s.LogUsdMean
        : market.Trades1h > 0 ? Math.Log10(1 + market.UsdVolume1h / market.Trades1h)
        : logUsd;

    /// <summary>What the account paid above (buy) or received below (sell) the reference, as a fraction.</summary>
    public static double AdversePremium(Fill fill)
    {
        var reference = fill.Market.Vwap15m;
        if (reference <= 0) return 0;
        var ratio = fill.Price / reference;
        return fill.IsBuy ? ratio - 1 : reference / fill.Price - 1;
    }

    private static int CountPayers(AccountState s, Fill fill)
    {
        s.Payers.RemoveAll(p => fill.Ts - p.Ts > PayerWindowMs);
        // This fill's counterparty pays above market when this account sold above (or bought below) the reference.
        if (AdversePremium(fill) < -0.02)
        {
            var payer = StableHash.Of(fill.Counterparty.AccountId);
            var at = s.Payers.FindIndex(p => p.Account == payer);
            if (at >= 0) s.Payers.RemoveAt(at);
            else if (s.Payers.Count == AccountState.MaxPayers) s.Payers.RemoveAt(0);
            s.Payers.Add((payer, fill.Ts));
        }
        return s.Payers.Count;
    }

    private static void Fold(AccountState s, Fill fill, double logUsd, int symbol, AccountState.KeyUse? key, int? ip, double burst)
    {
        s.LogUsdMean = s.Fills == 0 ? logUsd : s.LogUsdMean + UsualSizeWeight * (logUsd - s.LogUsdMean);
        s.Fills++;
        s.LastTs = Math.Max(s.LastTs, fill.Ts);
        s.BurstLevel = burst + 1;
        s.BurstTs = fill.Ts;
        MoveToEnd(s.Symbols, symbol, AccountState.MaxSymbols);
        if (fill.ApiKeyId is null) return;
        if (key is null)
        {
            if (s.Keys.Count == AccountState.MaxKeys) s.Keys.RemoveAt(0);
            s.Keys.Add(key = new AccountState.KeyUse(fill.ApiKeyId));
        }
        key.LastTs = fill.Ts;
        if (ip is { } i) MoveToEnd(key.Ips, i, AccountState.MaxIpsPerKey);
    }

    private static void MoveToEnd(List<int> list, int value, int cap)
    {
        var at = list.IndexOf(value);
        if (at >= 0) list.RemoveAt(at);
        else if (list.Count == cap) list.RemoveAt(0);
        list.Add(value);
    }

    private static double Decay(long elapsedMs) => Math.Pow(0.5, Math.Max(0, elapsedMs) / BurstHalfLifeMs);

    /// <summary>
    /// Drops the least recently active accounts until at most 90% of <paramref name="max"/> remain,
    /// when there are more than <paramref name="max"/>. Only for saved (not dirty) state: the state
    /// store gives it back unchanged when the account trades again. Returns how many were dropped.
    /// </summary>
    public int EvictBeyond(int max)
    {
        if (_accounts.Count <= max) return 0;
        var drop = _accounts.Count - max * 9 / 10;
        var oldest = _accounts.Where(a => !_dirty.ContainsKey(a.Key))
            .OrderBy(a => a.Value.LastTs).ThenBy(a => a.Key, StringComparer.Ordinal).Take(drop).Select(a => a.Key).ToList();
        foreach (var account in oldest) _accounts.Remove(account);
        return oldest.Count;
    }

    private void Sweep(long now)
    {
        foreach (var (account, state) in _accounts)
            if (now - state.LastTs > IdleMs) _accounts.Remove(account);
        _lastSweep = now;
    }
}
