namespace TradeSentinel.Core.Validation;

/// <summary>
/// The identity of a trade: the contract makes <c>trade_id</c> unique per exchange, so two venues'
/// trades with the same id are different trades (duplicate filter, the meeting of a trade's two fills).
/// </summary>
public static class TradeKey
{
    public static string Of(string exchange, string tradeId) => string.Concat(exchange, IdAlphabet.Joiner.ToString(), tradeId);
}
