using System.Text.Json;
using System.Text.Json.Nodes;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>Hand-built TradeEvent lines for tests.</summary>
public static class Trades
{
    public static JsonObject Valid(string id = "T1", long ts = 1_672_207_200_123, string symbol = "DMG-USDT", double price = 0.0415,
        double qty = 24000, string buyer = "A0042", string seller = "A9001") => new()
        {
            ["trade_id"] = id,
            ["exchange"] = "demo",
            ["ts"] = ts,
            ["symbol"] = symbol,
            ["price"] = price,
            ["qty"] = qty,
            ["taker_side"] = "buy",
            ["buyer"] = Party(buyer, "api", "K" + buyer, "app-3c"),
            ["seller"] = Party(seller, "api", "K" + seller, null),
        };

    public static JsonObject Party(string account, string channel, string? key, string? app) => new()
    {
        ["account_id"] = account,
        ["order_id"] = "O" + account,
        ["channel"] = channel,
        ["api_key_id"] = key,
        ["app_id"] = app,
        ["client_ip"] = "198.51.100.7",
    };

    public static string Line(JsonObject trade) => trade.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
