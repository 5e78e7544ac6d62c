using System.Globalization;
using System.Text.Json.Nodes;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>
/// Writes a TradeEvent v1 line as venue A (deploy/mappings/venue-a.json) would publish it: the
/// test's own idea of that format, independent of the mapper it checks.
/// </summary>
public static class VenueAFormat
{
    private static readonly Dictionary<string, string> Channels = new() { ["api"] = "API", ["web"] = "WEB", ["mobile"] = "APP" };

    public static string From(string tradeLine)
    {
        var t = JsonNode.Parse(tradeLine)!.AsObject();
        var ts = (long)t["ts"]!;
        var takerBought = (string)t["taker_side"]! == "buy";
        var (taker, maker) = takerBought ? (t["buyer"]!, t["seller"]!) : (t["seller"]!, t["buyer"]!);
        return new JsonObject
        {
            ["id"] = (string)t["trade_id"]!,
            ["venue"] = (string?)t["exchange"],
            ["time"] = $"{ts / 1000}.{ts % 1000:D3}",
            ["pair"] = ((string)t["symbol"]!).Replace('-', '/'),
            ["px"] = ((double)t["price"]!).ToString("R", CultureInfo.InvariantCulture),
            ["sz"] = ((double)t["qty"]!).ToString("R", CultureInfo.InvariantCulture),
            ["side"] = takerBought ? "B" : "S",
            ["taker"] = Party(taker),
            ["maker"] = Party(maker),
        }.ToJsonString();
    }

    private static JsonObject Party(JsonNode p) => new()
    {
        ["uid"] = (string)p["account_id"]!,
        ["oid"] = (string?)p["order_id"],
        ["via"] = Channels[(string)p["channel"]!],
        ["key"] = (string?)p["api_key_id"],
        ["broker"] = (string?)p["app_id"],
        ["ip"] = (string?)p["client_ip"],
    };
}
