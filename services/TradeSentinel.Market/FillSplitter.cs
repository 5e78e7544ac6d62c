using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Pipeline;

namespace TradeSentinel.Market;

/// <summary>Turns one validated trade into its buyer's and seller's fills, each naming its counterparty.</summary>
public static class FillSplitter
{
    public static (Fill Buyer, Fill Seller) Split(TradeEvent trade, MarketContext market)
    {
        var usd = trade.Usd();
        return (
            Make(trade, market, usd, trade.Buyer!, trade.Seller!, "buy", trade.TakerSide == "buy"),
            Make(trade, market, usd, trade.Seller!, trade.Buyer!, "sell", trade.TakerSide == "sell"));
    }

    private static Fill Make(TradeEvent t, MarketContext market, double usd, TradeParty self, TradeParty other, string side, bool taker) => new()
    {
        TradeId = t.TradeId!,
        Ts = t.Ts!.Value,
        Exchange = t.Exchange!,
        Symbol = t.Symbol!,
        Side = side,
        Taker = taker,
        Price = t.Price!.Value,
        Qty = t.Qty!.Value,
        Usd = usd,
        AccountId = self.AccountId!,
        Channel = self.Channel!,
        ApiKeyId = self.ApiKeyId,
        AppId = self.AppId,
        ClientIp = self.ClientIp,
        Counterparty = new Counterparty
        {
            AccountId = other.AccountId!,
            ApiKeyId = other.ApiKeyId,
            AppId = other.AppId,
            Channel = other.Channel!,
        },
        Market = market,
    };
}
