namespace TradeSentinel.Core.Contract;

/// <summary>
/// Every <see cref="AlertReason.Code"/> the pipeline gives: the scorer's, about one fill, and the
/// alerter's, about what the fills of several accounts show together. Consumers may key on them.
/// </summary>
public static class ReasonCodes
{
    // The scorer: what made one fill unusual.
    public const string PricePremium = "price_premium";
    public const string PriceDiscount = "price_discount";
    public const string NewSymbol = "new_symbol";
    public const string UnusualSize = "unusual_size";
    public const string NewApiKey = "new_api_key";
    public const string DormantKey = "dormant_key";
    public const string NewSourceIp = "new_source_ip";
    public const string IlliquidSymbol = "illiquid_symbol";
    public const string TradeBurst = "trade_burst";
    public const string ConcentratedCounterparty = "concentrated_counterparty";

    // The alerter: evidence across accounts, keys and apps.
    public const string CollectingCounterparty = "collecting_counterparty";
    public const string RepeatedFlags = "repeated_flags";
    public const string AppWideCompromise = "app_wide_compromise";
    public const string KeyInOtherHands = "key_in_other_hands";
    public const string PaidConfirmedBeneficiary = "paid_confirmed_beneficiary";
    public const string OnlyWinsOffMarket = "only_wins_off_market";
    public const string WonOffMarket = "won_off_market";
}
