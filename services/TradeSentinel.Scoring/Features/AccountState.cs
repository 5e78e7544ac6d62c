using TradeSentinel.Core.EventTime;

namespace TradeSentinel.Scoring.Features;

/// <summary>
/// What the scorer remembers of one account: a few hundred bytes whatever its activity, because
/// every collection is capped and the oldest entry gives way.
/// </summary>
public sealed class AccountState
{
    public const int MaxSymbols = 16;
    public const int MaxKeys = 4;
    public const int MaxIpsPerKey = 4;
    public const int MaxPayers = 16;

    public long Fills;

    /// <summary>Fills on the winning side of an off-market price (sold well above, or bought well below, the reference).</summary>
    public long OffMarketWins;
    public long LastTs;

    /// <summary>
    /// USD won and lost against the reference in off-market fills, decaying over about an hour
    /// (as of <see cref="FlowTs"/>): a trader of a volatile market wins about what it loses; the
    /// owner of a stolen key only loses.
    /// </summary>
    public double OffMarketWonUsd;
    public double OffMarketLostUsd;
    public long FlowTs;

    /// <summary>The last fill folded in: a redelivered fill at or before it is not applied twice.</summary>
    public EventKey LastApplied;
    public double LogUsdMean;
    public double BurstLevel;
    public long BurstTs;

    /// <summary>Hashes of recently traded symbols, most recent last.</summary>
    public readonly List<int> Symbols = new(4);

    public readonly List<KeyUse> Keys = new(1);

    /// <summary>Counterparties that recently paid this account above market: (account hash, ts).</summary>
    public readonly List<(int Account, long Ts)> Payers = new(0);

    public sealed class KeyUse(string keyId)
    {
        public string KeyId { get; } = keyId;
        public long LastTs;
        public readonly List<int> Ips = new(1);
    }
}
