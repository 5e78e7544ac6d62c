using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TradeSentinel.Core;
using TradeSentinel.Core.Validation;
using TradeSentinel.Ingest.Mapping;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Ingest;

/// <summary>
/// A venue whose records are not TradeEvent v1 is served by a mapping file: the shipped mappings turn
/// their venues' samples into exactly the trades the contract format gives, and a record a mapping
/// cannot read is refused with the field and its path, never guessed.
/// </summary>
public sealed class VenueMappingTests
{
    [Theory]
    [InlineData("venue-a")] // flat, seconds as decimal strings, prices as strings, B/S, taker/maker, BASE/QUOTE
    [InlineData("venue-b")] // nested envelope, nanoseconds, buyer-is-maker boolean, buy/sell with nested sources, BASE_QUOTE
    public void A_shipped_mapping_gives_the_same_trades_as_the_contract_format(string venue)
    {
        var mapper = new VenueRecordMapper(VenueMapping.Load(RepoPaths.Mapping($"{venue}.json")));
        var parser = new TradeParser();
        var venueLines = File.ReadAllLines(RepoPaths.Venue($"{venue}.trades.jsonl"));
        var expectedLines = File.ReadAllLines(RepoPaths.Venue($"{venue}.expected.jsonl"));
        Assert.Equal(expectedLines.Length, venueLines.Length);

        for (var i = 0; i < venueLines.Length; i++)
        {
            Assert.True(mapper.TryMap(Encoding.UTF8.GetBytes(venueLines[i]), out var mapped, out var why), $"line {i + 1}: {why}");
            Assert.True(parser.TryParse(Encoding.UTF8.GetBytes(expectedLines[i]), out var expected, out _));
            Assert.Equal(Json(expected), Json(mapped));
        }
    }

    [Theory]
    [InlineData("side", "\"X\"", "unmappable", "taker_side 'X' (at side) is none of the mapping's values (B, S)")]
    [InlineData("px", "{\"v\":1}", "unmappable", "price (at px) is {\"v\":1}, not a number or a numeric string")]
    [InlineData("time", "\"yesterday\"", "unmappable", "ts (at time) is \"yesterday\", not a number in the mapping's ts_unit")]
    [InlineData("taker", "{\"uid\":[1],\"via\":\"API\"}", "unmappable", "taker.account_id (at taker.uid) is [1], not a string or an integer")]
    [InlineData("taker", "{\"via\":\"API\"}", "missing_field", "required field buyer.account_id is missing")] // a field absent is the validator's to refuse, as for a file
    [InlineData("pair", "\"DMG-usdt\"", "invalid_field", "symbol 'DMG-usdt' is not BASE-QUOTE in upper case")]
    public void A_venue_a_record_the_mapping_cannot_use_is_refused_with_the_field_and_its_path(string field, string value, string reason, string detail)
    {
        var mapper = new VenueRecordMapper(VenueMapping.Load(RepoPaths.Mapping("venue-a.json")));
        var record = JsonNode.Parse(File.ReadLines(RepoPaths.Venue("venue-a.trades.jsonl")).Skip(3).First())!.AsObject(); // taker bought
        record[field] = JsonNode.Parse(value);

        Assert.False(mapper.TryMap(Encoding.UTF8.GetBytes(record.ToJsonString()), out _, out var rejection));
        Assert.Equal(reason, rejection.Reason);
        Assert.Contains(detail, rejection.Detail);
    }

    [Fact]
    public void A_price_as_a_string_is_unmappable_where_the_venue_is_not_declared_to_send_strings()
    {
        var mapper = new VenueRecordMapper(VenueMapping.Load(RepoPaths.Mapping("venue-b.json")));
        var record = JsonNode.Parse(File.ReadLines(RepoPaths.Venue("venue-b.trades.jsonl")).First())!.AsObject();
        record["data"]!["p"] = "1199.7299";

        Assert.False(mapper.TryMap(Encoding.UTF8.GetBytes(record.ToJsonString()), out _, out var rejection));
        Assert.Equal(Rejection.Unmappable, rejection.Reason);
        Assert.Contains("numbers_as_strings is off", rejection.Detail);
    }

    [Theory]
    [InlineData("s", "\"1672207200.1239\"", 1_672_207_200_123)]
    [InlineData("s", "1672207200", 1_672_207_200_000)]
    [InlineData("ms", "1672207200123", 1_672_207_200_123)]
    [InlineData("us", "1672207200123999", 1_672_207_200_123)]
    [InlineData("ns", "1672207200123999999", 1_672_207_200_123)]
    public void Timestamps_in_any_unit_become_epoch_milliseconds_without_rounding_up(string unit, string ts, long expected)
    {
        var mapper = Mapper($$"""{"ts_unit":"{{unit}}","numbers_as_strings":true,"fields":{{MinimalFields}}}""");
        Assert.True(mapper.TryMap(Record(ts: ts), out var trade, out var why), why.Detail);
        Assert.Equal(expected, trade.Ts);
    }

    [Fact]
    public void A_numeric_trade_id_becomes_its_digits_and_a_constant_fills_what_the_venue_does_not_send()
    {
        var mapper = Mapper($$"""{"fields":{{MinimalFields}}}""");
        Assert.True(mapper.TryMap(Record(id: "884213"), out var trade, out var why), why.Detail);
        Assert.Equal("884213", trade.TradeId);
        Assert.Equal("api", trade.Buyer!.Channel);
        Assert.Equal("venue-x", trade.Exchange);
    }

    [Theory]
    [InlineData("""{"fields":{"trade_id":"id"}}""", "field \"ts\" is not mapped")]
    [InlineData("""{"fields":{"trade_id":"id","colour":"c"}}""", "\"colour\" is no contract field")]
    [InlineData("""{"fields":{"trade_id":"id","buyer.account_id":"b","taker.account_id":"t"}}""", "\"buyer.account_id\" is no contract field")]
    [InlineData("""{"fields":{"trade_id":"a..b"}}""", "empty segment")]
    [InlineData("""{"fields":{"trade_id":7}}""", "trade_id must be a path")]
    public void A_mapping_file_that_cannot_work_is_refused_at_start_with_what_is_wrong(string mapping, string message)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mapping-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, mapping);
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => VenueMapping.Load(path));
            Assert.Contains(message, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_unknown_ts_unit_is_refused()
    {
        var e = Assert.Throws<InvalidDataException>(() => VenueMapping.Parse(JsonDocument.Parse($$"""{"ts_unit":"minutes","fields":{{MinimalFields}}}""").RootElement));
        Assert.Contains("ts_unit \"minutes\"", e.Message);
    }

    private const string MinimalFields = """
        {"trade_id":"id","exchange":{"const":"venue-x"},"ts":"ts","symbol":"sym","price":"p","qty":"q","taker_side":"side",
         "buyer.account_id":"b","buyer.channel":{"const":"api"},"seller.account_id":"s","seller.channel":{"const":"api"}}
        """;

    private static VenueRecordMapper Mapper(string json) => new(VenueMapping.Parse(JsonDocument.Parse(json).RootElement));

    private static byte[] Record(string id = "\"T1\"", string ts = "1672207200123") =>
        Encoding.UTF8.GetBytes($$"""{"id":{{id}},"ts":{{ts}},"sym":"DMG-USDT","p":0.0415,"q":24000,"side":"buy","b":"A1","s":"A2"}""");

    private static string Json(Core.Contract.TradeEvent trade) => JsonSerializer.Serialize(trade, SentinelJson.Default.TradeEvent);
}
