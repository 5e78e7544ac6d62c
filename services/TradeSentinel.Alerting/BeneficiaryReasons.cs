using System.Globalization;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Pipeline;

namespace TradeSentinel.Alerting;

/// <summary>
/// Reasons on a beneficiary's record say what the beneficiary did: it won the victim's off-market
/// trade. (The victim's own reasons, "paid 5.6x the VWAP", read as if the beneficiary had paid.)
/// </summary>
public static class BeneficiaryReasons
{
    public static AlertReason WonFrom(ScoredFill victimFill)
    {
        var fill = victimFill.Fill;
        var verb = fill.IsBuy ? "sold" : "bought";
        var premium = (victimFill.AdversePremium * 100).ToString("0", CultureInfo.InvariantCulture);
        return new AlertReason(ReasonCodes.WonOffMarket,
            $"{verb} {fill.Symbol} to {fill.AccountId} {premium}% {(fill.IsBuy ? "above" : "below")} the 15-min VWAP (${fill.Usd.ToString("N0", CultureInfo.InvariantCulture)}), " +
            (victimFill.Flagged
                ? $"in a fill flagged on the side of {fill.AccountId}"
                : $"whose key {fill.ApiKeyId} sent the order from an address it never used"));
    }
}
