namespace TradeSentinel.Simulation;

/// <summary>The threat model, one scenario each, plus the benign market alone and a mix.</summary>
public enum Scenario
{
    /// <summary>Ordinary trading only, with every odd-but-innocent pattern switched on.</summary>
    Benign,

    /// <summary>3Commas, Dec 2022: many keys of one app buy illiquid coins at large premiums from a few beneficiaries, in waves.</summary>
    AppLeak,

    /// <summary>Premiums of 15–60% in mid-caps, victims spending near their usual size, spread over an hour or more.</summary>
    Subtle,

    /// <summary>Individually phished own-API keys: no app in common, one beneficiary per few victims.</summary>
    Phished,

    /// <summary>Many beneficiaries with few victims each; the attacker's source IP changes per request.</summary>
    ManyBeneficiaries,

    /// <summary>FTX/DMG, Oct 2022: a few keys make hundreds of small trades against one beneficiary, buying high and selling low.</summary>
    Contra,

    /// <summary>Victims' holdings sold far below market into the beneficiary's bids in a thin pair.</summary>
    SellSide,

    /// <summary>Binance/VIA, 2018: keys idle for a long time suddenly trading.</summary>
    Dormant,

    /// <summary>Several of the above at once.</summary>
    Mix,

    /// <summary>One app leaked, its victims buying one coin from 9 beneficiaries at once: a crowd of winners, one payer.</summary>
    Crowd9,

    /// <summary>The same with 14 beneficiaries.</summary>
    Crowd14,

    /// <summary>The same with 30 beneficiaries.</summary>
    Crowd30,

    /// <summary>Keys of accounts never seen in the stream (own keys and app users), spent in thin coins at 1.4–5x.</summary>
    ColdStart,

    /// <summary>
    /// Stolen keys paying beneficiaries that are long-standing accounts with hundreds of ordinary
    /// fills at the market, on both sides, trading from their usual setup: never "only wins off-market".
    /// </summary>
    AgedBeneficiary,
}
