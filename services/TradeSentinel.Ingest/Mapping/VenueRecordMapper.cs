using System.Globalization;
using System.Text.Json;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Validation;

namespace TradeSentinel.Ingest.Mapping;

/// <summary>
/// Turns one record in a venue's format into a TradeEvent v1 by its <see cref="VenueMapping"/>, then
/// validates it exactly as a TradeEvent read from a file is validated. A value the mapping cannot
/// read (an object where an id should be, a side outside the venue's vocabulary, a price as a string
/// when the venue is not declared to send them so) is refused as <c>unmappable</c>, naming the field
/// and its path.
/// </summary>
public sealed class VenueRecordMapper(VenueMapping mapping, int maxRecordBytes = TradeParser.DefaultMaxRecordBytes)
{
    public bool TryMap(ReadOnlySpan<byte> record, out TradeEvent trade, out Rejection rejection)
    {
        trade = null!;
        if (record.Length > maxRecordBytes)
        {
            rejection = new(Rejection.TooLarge, $"record is {record.Length} bytes; the limit is {maxRecordBytes}");
            return false;
        }
        if (!System.Text.Unicode.Utf8.IsValid(record))
        {
            rejection = new(Rejection.InvalidUtf8, "record is not valid UTF-8");
            return false;
        }
        if (!TryParseObject(record, out var root, out rejection)) return false;
        try
        {
            trade = Map(root);
        }
        catch (UnmappableException e)
        {
            rejection = new(Rejection.Unmappable, e.Message);
            return false;
        }
        return TradeValidator.TryValidate(trade, out rejection);
    }

    private static bool TryParseObject(ReadOnlySpan<byte> record, out JsonElement root, out Rejection rejection)
    {
        root = default;
        rejection = default;
        try
        {
            var reader = new Utf8JsonReader(record);
            root = JsonElement.ParseValue(ref reader);
            if (reader.Read()) throw new JsonException("content after the record's JSON value");
        }
        catch (JsonException e)
        {
            rejection = new(Rejection.InvalidJson, e.Message.Length > 200 ? e.Message[..200] : e.Message);
            return false;
        }
        if (root.ValueKind == JsonValueKind.Object) return true;
        rejection = new(Rejection.InvalidJson, $"record is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object");
        return false;
    }

    private TradeEvent Map(JsonElement root)
    {
        var trade = new TradeEvent
        {
            TradeId = Id(root, "trade_id"),
            Exchange = Id(root, "exchange"),
            Ts = Ts(root),
            Symbol = Symbol(root),
            Price = Number(root, "price"),
            Qty = Number(root, "qty"),
            TakerSide = Word(root, "taker_side", "taker_side"),
            QuoteUsd = Number(root, "quote_usd"),
        };
        if (!mapping.TakerMaker)
        {
            trade.Buyer = Party(root, "buyer");
            trade.Seller = Party(root, "seller");
        }
        else if (trade.TakerSide is "buy" or "sell")
        {
            // Without a side the parties cannot be told apart: the validator then refuses the missing or wrong side.
            var (taker, maker) = (Party(root, "taker"), Party(root, "maker"));
            (trade.Buyer, trade.Seller) = trade.TakerSide == "buy" ? (taker, maker) : (maker, taker);
        }
        return trade;
    }

    private TradeParty Party(JsonElement root, string role) => new()
    {
        AccountId = Id(root, $"{role}.account_id"),
        OrderId = Id(root, $"{role}.order_id"),
        Channel = Word(root, $"{role}.channel", "channel"),
        ApiKeyId = Id(root, $"{role}.api_key_id"),
        AppId = Id(root, $"{role}.app_id"),
        ClientIp = Id(root, $"{role}.client_ip"),
    };

    private bool TryFind(JsonElement root, string field, out JsonElement value, out FieldSource source)
    {
        value = default;
        return mapping.Fields.TryGetValue(field, out source!) && source.TryFind(root, out value);
    }

    /// <summary>An id: a string, or an integer written as its digits (many venues number their trades).</summary>
    private string? Id(JsonElement root, string field)
    {
        if (!TryFind(root, field, out var value, out var source)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number when value.TryGetInt64(out var n) => n.ToString(CultureInfo.InvariantCulture),
            _ => throw Unmappable(field, source, value, "a string or an integer"),
        };
    }

    /// <summary>A word of the venue's vocabulary for <paramref name="vocabulary"/>, translated; strings, booleans and numbers are read as their text.</summary>
    private string? Word(JsonElement root, string field, string vocabulary)
    {
        if (!TryFind(root, field, out var value, out var source)) return null;
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number => value.GetRawText(),
            _ => throw Unmappable(field, source, value, "a string, a boolean or a number"),
        };
        if (!mapping.Values.TryGetValue(vocabulary, out var words)) return text;
        return words.TryGetValue(text, out var word) ? word
            : throw new UnmappableException($"{field} '{Clip(text)}' (at {source.Describe}) is none of the mapping's values ({string.Join(", ", words.Keys)})");
    }

    private double? Number(JsonElement root, string field)
    {
        if (!TryFind(root, field, out var value, out var source)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number)) return number;
        if (value.ValueKind == JsonValueKind.String && mapping.NumbersAsStrings
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number)) return number;
        throw Unmappable(field, source, value, mapping.NumbersAsStrings ? "a number or a numeric string" : "a number (numbers_as_strings is off)");
    }

    /// <summary>The venue's timestamp in its unit, as epoch milliseconds (fractions of a millisecond dropped).</summary>
    private long? Ts(JsonElement root)
    {
        if (!TryFind(root, "ts", out var value, out var source)) return null;
        decimal raw = 0;
        var read = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDecimal(out raw),
            JsonValueKind.String when mapping.NumbersAsStrings => decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out raw),
            _ => false,
        };
        if (!read) throw Unmappable("ts", source, value, "a number in the mapping's ts_unit");
        try
        {
            var ms = decimal.Floor(mapping.TsScale > 0 ? raw * mapping.TsScale : raw / -mapping.TsScale);
            if (ms is >= long.MinValue and <= long.MaxValue) return (long)ms;
        }
        catch (OverflowException)
        {
        }
        throw new UnmappableException($"ts {Clip(value.GetRawText())} (at {source.Describe}) is no time in epoch milliseconds");
    }

    private string? Symbol(JsonElement root)
    {
        var symbol = Id(root, "symbol");
        return symbol is null || mapping.SymbolSeparator is not { Length: > 0 } separator ? symbol : symbol.Replace(separator, "-", StringComparison.Ordinal);
    }

    private static UnmappableException Unmappable(string field, FieldSource source, JsonElement value, string expected) =>
        new($"{field} (at {source.Describe}) is {Clip(value.GetRawText())}, not {expected}");

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private sealed class UnmappableException(string message) : Exception(message);
}
