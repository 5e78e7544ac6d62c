namespace TradeSentinel.Core.Contract;

/// <summary>A trade's value in USD: the one formula every stage uses.</summary>
public static class TradeValue
{
    /// <summary>price × qty × the quote asset's USD price; 0 when that price is unknown (the trade is still scored, unpriced).</summary>
    public static double Usd(this TradeEvent trade) => trade.Price!.Value * trade.Qty!.Value * (trade.QuoteUsd ?? 0);
}
