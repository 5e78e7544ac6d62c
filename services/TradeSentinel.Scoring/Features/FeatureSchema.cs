namespace TradeSentinel.Scoring.Features;

/// <summary>
/// The feature vector's layout. A model records the version it was trained on; the scorer
/// refuses a model of another version rather than feed it misaligned numbers.
/// </summary>
public static class FeatureSchema
{
    /// <summary>
    /// v4: who paid comparable off-market prices (independent payers besides the fill's own app or
    /// account); an account without history is sized against the symbol's average trade; state
    /// older than the scorer's memory counts as none; an app key's address is new only when its
    /// app's servers never used it either; how two-sided the account's off-market trading is.
    /// </summary>
    public const int Version = 4;

    public const int AdversePremiumZ = 0;
    public const int AdversePremium = 1;
    public const int LogUsd = 2;
    public const int SizeVsUsual = 3;
    public const int LogLiquidity = 4;
    public const int NewSymbol = 5;
    public const int History = 6;
    public const int NewKey = 7;
    public const int KeyIdleDays = 8;
    public const int NewIp = 9;
    public const int ViaApi = 10;
    public const int ViaApp = 11;
    public const int Taker = 12;
    public const int Burst = 13;
    public const int PayingCounterparties = 14;
    public const int AdverseCrowd = 15;
    public const int PayingCrowd = 16;
    public const int OffMarketOffset = 17;

    public static readonly string[] Names =
    [
        "adverse_premium_z", "adverse_premium", "log_usd", "size_vs_usual", "log_liquidity", "new_symbol",
        "history", "new_key", "key_idle_days", "new_ip", "via_api", "via_app", "taker", "burst",
        "paying_counterparties", "adverse_crowd", "paying_crowd",
        "off_market_offset",
    ];

    public static int Count => Names.Length;
}
