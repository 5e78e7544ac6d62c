using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using TradeSentinel.Core.Validation;

namespace TradeSentinel.Core.Pipeline;

/// <summary>
/// Reads a Fill v1 record (<c>schemas/fill.v1.schema.json</c>) with one forward pass of a
/// <see cref="Utf8JsonReader"/>: the scorer's hot path, two records per trade. The serializer's
/// general reader spent a fifth of the scorer's time here. Same rules as <see cref="SentinelJson"/>:
/// snake_case names, numbers only as JSON numbers, unknown properties ignored, a missing property
/// keeps its default. Fills are written by <see cref="SentinelJson"/>; tests hold the two to each other.
/// </summary>
public static class FillReader
{
    public static bool TryRead(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out Fill? fill, out Rejection rejection)
    {
        fill = null;
        rejection = default;
        var reader = new Utf8JsonReader(utf8);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new BadFill("record is not a JSON object");
            var read = new Fill();
            while (NextProperty(ref reader))
                ReadProperty(ref reader, read);
            if (reader.Read()) throw new BadFill("more than one JSON value in the record");
            fill = read;
            return true;
        }
        catch (BadFill e)
        {
            rejection = new(Rejection.InvalidJson, e.Message);
        }
        catch (JsonException e)
        {
            rejection = new(Rejection.InvalidJson, e.Message.Split(" LineNumber:")[0].TrimEnd(' ', '|', '.'));
        }
        return false;
    }

    private static void ReadProperty(ref Utf8JsonReader r, Fill f)
    {
        if (Named(ref r, "trade_id"u8)) f.TradeId = Required(ref r, "trade_id");
        else if (Named(ref r, "ts"u8)) f.Ts = Int64(ref r, "ts");
        else if (Named(ref r, "exchange"u8)) f.Exchange = Required(ref r, "exchange");
        else if (Named(ref r, "symbol"u8)) f.Symbol = Required(ref r, "symbol");
        else if (Named(ref r, "side"u8)) f.Side = Side(ref r);
        else if (Named(ref r, "taker"u8)) f.Taker = Boolean(ref r, "taker");
        else if (Named(ref r, "price"u8)) f.Price = Double(ref r, "price");
        else if (Named(ref r, "qty"u8)) f.Qty = Double(ref r, "qty");
        else if (Named(ref r, "usd"u8)) f.Usd = Double(ref r, "usd");
        else if (Named(ref r, "account_id"u8)) f.AccountId = Required(ref r, "account_id");
        else if (Named(ref r, "channel"u8)) f.Channel = Channel(ref r, "channel");
        else if (Named(ref r, "api_key_id"u8)) f.ApiKeyId = Optional(ref r, "api_key_id");
        else if (Named(ref r, "app_id"u8)) f.AppId = Optional(ref r, "app_id");
        else if (Named(ref r, "client_ip"u8)) f.ClientIp = Optional(ref r, "client_ip");
        else if (Named(ref r, "counterparty"u8)) f.Counterparty = Counterparty(ref r);
        else if (Named(ref r, "market"u8)) f.Market = Market(ref r);
        else r.Skip();
    }

    private static Counterparty Counterparty(ref Utf8JsonReader r)
    {
        StartObject(ref r, "counterparty");
        var c = new Counterparty();
        while (NextProperty(ref r))
        {
            if (Named(ref r, "account_id"u8)) c.AccountId = Required(ref r, "counterparty.account_id");
            else if (Named(ref r, "api_key_id"u8)) c.ApiKeyId = Optional(ref r, "counterparty.api_key_id");
            else if (Named(ref r, "app_id"u8)) c.AppId = Optional(ref r, "counterparty.app_id");
            else if (Named(ref r, "channel"u8)) c.Channel = Channel(ref r, "counterparty.channel");
            else r.Skip();
        }
        return c;
    }

    private static MarketContext Market(ref Utf8JsonReader r)
    {
        StartObject(ref r, "market");
        var m = new MarketContext();
        while (NextProperty(ref r))
        {
            if (Named(ref r, "vwap15m"u8)) m.Vwap15m = Double(ref r, "market.vwap15m");
            else if (Named(ref r, "dispersion"u8)) m.Dispersion = Double(ref r, "market.dispersion");
            else if (Named(ref r, "usd_volume1h"u8)) m.UsdVolume1h = Double(ref r, "market.usd_volume1h");
            else if (Named(ref r, "trades1h"u8)) m.Trades1h = Int32(ref r, "market.trades1h");
            else if (Named(ref r, "premium_sellers5m"u8)) m.PremiumSellers5m = Int32(ref r, "market.premium_sellers5m");
            else if (Named(ref r, "discount_buyers5m"u8)) m.DiscountBuyers5m = Int32(ref r, "market.discount_buyers5m");
            else if (Named(ref r, "premium_payers5m"u8)) m.PremiumPayers5m = Int32(ref r, "market.premium_payers5m");
            else if (Named(ref r, "discount_payers5m"u8)) m.DiscountPayers5m = Int32(ref r, "market.discount_payers5m");
            else r.Skip();
        }
        return m;
    }

    /// <summary>Moves to the next property's value; false at the end of the object.</summary>
    private static bool NextProperty(ref Utf8JsonReader r)
    {
        if (!r.Read()) throw new BadFill("record ends inside an object");
        return r.TokenType != JsonTokenType.EndObject; // the reader itself refuses anything but a property name here
    }

    // Leaves the reader on the value when the name matches.
    private static bool Named(ref Utf8JsonReader r, ReadOnlySpan<byte> name)
    {
        if (!r.ValueTextEquals(name)) return false;
        r.Read();
        return true;
    }

    private static void StartObject(ref Utf8JsonReader r, string path)
    {
        if (r.TokenType != JsonTokenType.StartObject) throw new BadFill($"$.{path} must be an object");
    }

    private static string Required(ref Utf8JsonReader r, string path) =>
        r.TokenType == JsonTokenType.String ? r.GetString()! : throw new BadFill($"$.{path} must be a string");

    private static string? Optional(ref Utf8JsonReader r, string path) =>
        r.TokenType == JsonTokenType.Null ? null : Required(ref r, path);

    // The two sides and three channels are shared strings, not one copy per fill.
    private static string Side(ref Utf8JsonReader r) =>
        r.TokenType == JsonTokenType.String && r.ValueTextEquals("buy"u8) ? "buy"
        : r.TokenType == JsonTokenType.String && r.ValueTextEquals("sell"u8) ? "sell"
        : Required(ref r, "side");

    private static string Channel(ref Utf8JsonReader r, string path) =>
        r.TokenType != JsonTokenType.String ? Required(ref r, path)
        : r.ValueTextEquals("api"u8) ? "api"
        : r.ValueTextEquals("web"u8) ? "web"
        : r.ValueTextEquals("mobile"u8) ? "mobile"
        : r.GetString()!;

    private static bool Boolean(ref Utf8JsonReader r, string path) => r.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw new BadFill($"$.{path} must be true or false"),
    };

    private static double Double(ref Utf8JsonReader r, string path) =>
        r.TokenType == JsonTokenType.Number && r.TryGetDouble(out var value) && double.IsFinite(value) ? value
        : throw new BadFill($"$.{path} must be a number");

    private static long Int64(ref Utf8JsonReader r, string path) =>
        r.TokenType == JsonTokenType.Number && r.TryGetInt64(out var value) ? value
        : throw new BadFill($"$.{path} must be an integer");

    private static int Int32(ref Utf8JsonReader r, string path) =>
        r.TokenType == JsonTokenType.Number && r.TryGetInt32(out var value) ? value
        : throw new BadFill($"$.{path} must be a 32-bit integer");

    private sealed class BadFill(string message) : Exception(message);
}
