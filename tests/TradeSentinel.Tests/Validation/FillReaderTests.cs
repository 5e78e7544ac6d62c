using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TradeSentinel.Core;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Core.Validation;

namespace TradeSentinel.Tests.Validation;

/// <summary>The scorer's own reader of the fills topic reads exactly what the market stage's serializer writes.</summary>
public class FillReaderTests
{
    private static Fill Sample(Random random, int i) => new()
    {
        TradeId = $"T{i}",
        Ts = 1_672_185_600_000 + random.Next(),
        Exchange = "binance",
        Symbol = i % 2 == 0 ? "DMG-USDT" : "ÉTH-BTC",
        Side = random.Next(2) == 0 ? "buy" : "sell",
        Taker = random.Next(2) == 0,
        Price = random.NextDouble() * 1e5,
        Qty = 1e-8 + random.NextDouble(),
        Usd = random.NextDouble() * 1e6,
        AccountId = $"acct-{random.Next(1000)}",
        Channel = new[] { "api", "web", "mobile" }[random.Next(3)],
        ApiKeyId = random.Next(3) == 0 ? null : "k\"ey",
        AppId = random.Next(2) == 0 ? null : "3commas",
        ClientIp = random.Next(2) == 0 ? null : "2001:db8::1",
        Counterparty = new Counterparty { AccountId = "cp-1", ApiKeyId = random.Next(2) == 0 ? null : "k2", AppId = null, Channel = "web" },
        Market = new MarketContext
        {
            Vwap15m = random.NextDouble(),
            Dispersion = 0.01,
            UsdVolume1h = 1e7 * random.NextDouble(),
            Trades1h = random.Next(100_000),
            PremiumSellers5m = Crowd(random),
            DiscountBuyers5m = Crowd(random),
            PremiumPayers5m = Crowd(random),
            DiscountPayers5m = Crowd(random),
        },
    };

    // Most fills have no off-market crowd at all: then the count is not written.
    private static int Crowd(Random random) => random.Next(3) == 0 ? 0 : random.Next(1, 50);

    private static string Json(Fill fill) => JsonSerializer.Serialize(fill, SentinelJson.Default.Fill);

    [Fact]
    public void Every_field_the_serializer_writes_reads_back_unchanged()
    {
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var fill = Sample(random, i);
            Assert.True(FillReader.TryRead(JsonSerializer.SerializeToUtf8Bytes(fill, SentinelJson.Default.Fill), out var read, out var rejection), rejection.Detail);
            Assert.Equal(Json(fill), Json(read));
        }
    }

    [Fact]
    public void A_fill_without_an_off_market_crowd_carries_no_counts_and_no_derived_side()
    {
        var fill = Sample(new Random(3), 2);
        fill.Market.PremiumSellers5m = fill.Market.DiscountBuyers5m = fill.Market.PremiumPayers5m = 0;
        fill.Market.DiscountPayers5m = 4;
        var json = Json(fill);
        foreach (var absent in new[] { "premium_sellers5m", "discount_buyers5m", "premium_payers5m", "is_buy" })
            Assert.DoesNotContain($"\"{absent}\"", json);
        Assert.Contains("\"discount_payers5m\":4", json);
        Assert.True(FillReader.TryRead(Encoding.UTF8.GetBytes(json), out var read, out _));
        Assert.Equal((0, 0, 0, 4), (read.Market.PremiumSellers5m, read.Market.DiscountBuyers5m, read.Market.PremiumPayers5m, read.Market.DiscountPayers5m));
        Assert.Equal(fill.IsBuy, read.IsBuy);
    }

    [Fact]
    public void Unknown_properties_are_ignored_and_missing_ones_keep_their_default()
    {
        var record = """{"trade_id":"T1","future":{"nested":[1,{"a":null}]},"ts":5,"account_id":"A","side":"sell","extra":"x"}""";
        Assert.True(FillReader.TryRead(Encoding.UTF8.GetBytes(record), out var fill, out _));
        Assert.Equal(("T1", 5L, "A", "sell", 0.0, ""), (fill.TradeId, fill.Ts, fill.AccountId, fill.Side, fill.Price, fill.Counterparty.AccountId));
    }

    [Theory]
    [InlineData("price", "\"0.04\"", "price")]
    [InlineData("ts", "1.5", "ts")]
    [InlineData("ts", "\"yesterday\"", "ts")]
    [InlineData("taker", "1", "taker")]
    [InlineData("account_id", "7", "account_id")]
    [InlineData("account_id", "null", "account_id")]
    [InlineData("counterparty", "[]", "counterparty")]
    [InlineData("market", "null", "market")]
    [InlineData("market", "{\"trades1h\":1e12}", "market.trades1h")]
    public void A_field_of_the_wrong_type_is_refused_naming_the_field(string field, string value, string named)
    {
        var node = JsonNode.Parse(Json(Sample(new Random(1), 1)))!.AsObject();
        node[field] = JsonNode.Parse(value);
        Assert.False(FillReader.TryRead(Encoding.UTF8.GetBytes(node.ToJsonString()), out _, out var rejection));
        Assert.Equal(Rejection.InvalidJson, rejection.Reason);
        Assert.Contains(named, rejection.Detail);
    }

    [Theory]
    [InlineData("""{"trade_id":"T1","ts":16""")]
    [InlineData("""{"trade_id":"T1",}""")]
    [InlineData("""{"trade_id":"T1"} {"trade_id":"T2"}""")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("""{"trade_id":"T1" /* comment */}""")]
    public void A_malformed_record_is_refused_as_invalid_json(string record)
    {
        Assert.False(FillReader.TryRead(Encoding.UTF8.GetBytes(record), out _, out var rejection));
        Assert.Equal(Rejection.InvalidJson, rejection.Reason);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Detail));
    }
}
