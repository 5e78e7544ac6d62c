using System.Text;
using System.Text.Json.Nodes;
using TradeSentinel.Core.Validation;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Validation;

public class TradeParserTests
{
    private readonly TradeParser _parser = new(maxRecordBytes: 4096);

    [Fact]
    public void Contract_example_is_accepted_and_exchange_defaults()
    {
        var trade = Trades.Valid();
        trade.Remove("exchange");
        Assert.True(_parser.TryParse(Encoding.UTF8.GetBytes(Trades.Line(trade)), out var parsed, out _));
        Assert.Equal("default", parsed.Exchange);
        Assert.Equal("A0042", parsed.Buyer!.AccountId);
        Assert.Equal("app-3c", parsed.Buyer.AppId);
        Assert.Equal(0.0415, parsed.Price);
    }

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        var trade = Trades.Valid();
        trade["venue_sequence"] = 991;
        trade["buyer"]!.AsObject()["tier"] = "vip";
        Assert.True(_parser.TryParse(Encoding.UTF8.GetBytes(Trades.Line(trade)), out _, out _));
    }

    public static TheoryData<string, string, string> Broken() => new()
    {
        { """{"trade_id":"T1","ts":16""", Rejection.InvalidJson, "" },
        { "[1,2,3]", Rejection.InvalidJson, "" },
        { "null", Rejection.InvalidJson, "null" },
        { Mutate(t => t.Remove("trade_id")), Rejection.MissingField, "trade_id" },
        { Mutate(t => t.Remove("ts")), Rejection.MissingField, "ts" },
        { Mutate(t => t["ts"] = -5), Rejection.InvalidField, "ts" },
        { Mutate(t => t["ts"] = "yesterday"), Rejection.InvalidJson, "ts" },
        { Mutate(t => t["price"] = "0.04"), Rejection.InvalidJson, "price" },
        { Mutate(t => t["price"] = 0), Rejection.InvalidField, "price" },
        { Mutate(t => t["price"] = -1.5), Rejection.InvalidField, "price" },
        { Mutate(t => t["qty"] = 0), Rejection.InvalidField, "qty" },
        { Mutate(t => t.Remove("qty")), Rejection.MissingField, "qty" },
        { Mutate(t => t["taker_side"] = "short"), Rejection.InvalidField, "taker_side" },
        { Mutate(t => t["symbol"] = "dmg-usdt"), Rejection.InvalidField, "symbol" },
        { Mutate(t => t["symbol"] = "DMGUSDT"), Rejection.InvalidField, "symbol" },
        { Mutate(t => t.Remove("buyer")), Rejection.MissingField, "buyer" },
        { Mutate(t => t["seller"]!.AsObject().Remove("account_id")), Rejection.MissingField, "seller.account_id" },
        { Mutate(t => t["buyer"]!.AsObject()["channel"] = "fax"), Rejection.InvalidField, "buyer.channel" },
        { Mutate(t => t["seller"]!.AsObject()["account_id"] = "A0042"), Rejection.InvalidField, "same account" },
        { Mutate(t => t["quote_usd"] = -2), Rejection.InvalidField, "quote_usd" },
        // Finite, so valid JSON numbers, but their USD value or window sums would not be.
        { Mutate(t => t["qty"] = 1e308), Rejection.ValueOutOfRange, "qty" },
        { Mutate(t => { t["price"] = 1e9; t["qty"] = 1e7; }), Rejection.ValueOutOfRange, "price" },
        { Mutate(t => t["quote_usd"] = 1e300), Rejection.ValueOutOfRange, "quote_usd" },
        { Mutate(t => t["ts"] = long.MaxValue), Rejection.ValueOutOfRange, "9999" },
        // Ids: printable ASCII without space, 1 to 128 characters.
        { Mutate(t => t["buyer"]!.AsObject()["api_key_id"] = "K1\u001fA9"), Rejection.InvalidField, "buyer.api_key_id has U+001F at position 2" },
        { Mutate(t => t["seller"]!.AsObject()["account_id"] = "A9\r\nX-Injected: 1"), Rejection.InvalidField, "seller.account_id has U+000D" },
        { Mutate(t => t["buyer"]!.AsObject()["app_id"] = "app-\u00e9"), Rejection.InvalidField, "buyer.app_id has U+00E9" },
        { Mutate(t => t["buyer"]!.AsObject()["client_ip"] = "198.51.100.7 "), Rejection.InvalidField, "buyer.client_ip has U+0020" },
        { Mutate(t => t["trade_id"] = new string('T', 129)), Rejection.InvalidField, "trade_id is 129 characters long" },
        { Mutate(t => t["exchange"] = ""), Rejection.InvalidField, "exchange is empty" },
        { Mutate(t => t["buyer"]!.AsObject()["order_id"] = "O\u0000"), Rejection.InvalidField, "buyer.order_id" },
    };

    [Fact]
    public void Ids_of_128_printable_characters_and_the_largest_amounts_are_accepted()
    {
        var line = Mutate(t =>
        {
            t["trade_id"] = new string('~', 128);
            t["buyer"]!.AsObject()["account_id"] = "!#$%&'()*+,-./:;<=>?@[]^_`{|}~";
            t["price"] = 1e7;
            t["qty"] = 1e8;
            t["quote_usd"] = 1e7;
        });
        Assert.True(_parser.TryParse(Encoding.UTF8.GetBytes(line), out _, out var rejection), rejection.Detail);
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void Broken_records_are_refused_with_a_precise_reason(string line, string reason, string detailMentions)
    {
        Assert.False(_parser.TryParse(Encoding.UTF8.GetBytes(line), out _, out var rejection));
        Assert.Equal(reason, rejection.Reason);
        Assert.Contains(detailMentions, rejection.Detail);
    }

    [Fact]
    public void Non_finite_numbers_are_refused()
    {
        // JSON has no NaN or Infinity literal; an overflowing number is the way a feed produces one.
        var line = Trades.Line(Trades.Valid()).Replace("\"price\":0.0415", "\"price\":1e999");
        Assert.False(_parser.TryParse(Encoding.UTF8.GetBytes(line), out _, out var rejection));
        Assert.Contains("price", rejection.Detail);
        Assert.False(_parser.TryParse(Encoding.UTF8.GetBytes(line.Replace("1e999", "NaN")), out _, out _));
    }

    [Fact]
    public void Invalid_utf8_is_refused_before_parsing()
    {
        var bytes = Encoding.UTF8.GetBytes(Trades.Line(Trades.Valid()));
        bytes[20] = 0xC3;
        bytes[21] = 0x28;
        Assert.False(_parser.TryParse(bytes, out _, out var rejection));
        Assert.Equal(Rejection.InvalidUtf8, rejection.Reason);
    }

    [Fact]
    public void Oversized_record_is_refused_without_parsing()
    {
        var trade = Trades.Valid();
        trade["padding"] = new string('x', 5000);
        Assert.False(_parser.TryParse(Encoding.UTF8.GetBytes(Trades.Line(trade)), out _, out var rejection));
        Assert.Equal(Rejection.TooLarge, rejection.Reason);
    }

    private static string Mutate(Action<JsonObject> change)
    {
        var trade = Trades.Valid();
        change(trade);
        return Trades.Line(trade);
    }
}
