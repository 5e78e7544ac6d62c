using TradeSentinel.Core.Validation;

namespace TradeSentinel.Core.Pipeline;

/// <summary>
/// What the scorer and the alerter check of a fill read from an internal topic before they use it:
/// what the validator guaranteed at ingest (ids in <see cref="IdAlphabet"/>, finite amounts), since a
/// record written by anything but the market stage, or damaged, may break it, and Redis keys, alert
/// ids and hook headers are built from these ids.
/// </summary>
public static class FillCheck
{
    public static bool TryCheck(Fill fill, out Rejection rejection)
    {
        var problem = Id(fill.TradeId, "trade_id") ?? Id(fill.Exchange, "exchange") ?? Id(fill.AccountId, "account_id")
            ?? OptionalId(fill.ApiKeyId, "api_key_id") ?? OptionalId(fill.AppId, "app_id") ?? OptionalId(fill.ClientIp, "client_ip")
            ?? (fill.Counterparty is null ? "counterparty is missing" : Id(fill.Counterparty.AccountId, "counterparty.account_id")
                ?? OptionalId(fill.Counterparty.ApiKeyId, "counterparty.api_key_id") ?? OptionalId(fill.Counterparty.AppId, "counterparty.app_id"))
            ?? (fill.Market is null ? "market is missing" : null)
            ?? (fill.Ts is > 0 and <= TradeValidator.MaxTs ? null : $"ts {fill.Ts} is not a time between 1970 and the end of year 9999")
            ?? (TradeValidator.IsSymbol(fill.Symbol) ? null : "symbol is not BASE-QUOTE in upper case")
            ?? (fill.Side is "buy" or "sell" ? null : "side is not buy or sell")
            ?? (double.IsFinite(fill.Price) && double.IsFinite(fill.Qty) && double.IsFinite(fill.Usd) ? null : "price, qty or usd is not finite");
        rejection = problem is null ? default : new(Rejection.InvalidField, $"fill {problem}");
        return problem is null;
    }

    private static string? Id(string? id, string field) => id is null ? $"{field} is missing" : IdAlphabet.Problem(id) is { } p ? $"{field} {p}" : null;

    private static string? OptionalId(string? id, string field) => id is null ? null : Id(id, field);
}
