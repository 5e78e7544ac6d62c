using TradeSentinel.Core.Pipeline;

namespace TradeSentinel.Tests.Alerting;

/// <summary>The other fill of a loss's trade: the account that took the winning side, and has only ever won off-market.</summary>
internal static class WinningFill
{
    public static ScoredFill Of(ScoredFill loss) => new()
    {
        Fill = new Fill
        {
            TradeId = loss.Fill.TradeId,
            Ts = loss.Fill.Ts,
            Exchange = loss.Fill.Exchange, // the two fills of a trade share its exchange and USD value
            Symbol = loss.Fill.Symbol,
            Side = loss.Fill.IsBuy ? "sell" : "buy",
            Usd = loss.Fill.Usd,
            AccountId = loss.Fill.Counterparty.AccountId,
            Channel = "api",
            Counterparty = new Counterparty { AccountId = loss.Fill.AccountId, ApiKeyId = loss.Fill.ApiKeyId, AppId = loss.Fill.AppId, Channel = loss.Fill.Channel },
        },
        Score = 0.1,
        ModelVersion = "m1",
        OnlyWinsOffMarket = true,
    };
}
