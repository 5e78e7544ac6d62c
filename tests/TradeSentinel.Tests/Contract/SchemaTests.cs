using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using TradeSentinel.Core;
using TradeSentinel.Core.Validation;
using TradeSentinel.Ingest;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Contract;

/// <summary>The JSON Schemas in schemas/ agree with the contract page and with real data.</summary>
public class SchemaTests
{
    [Theory]
    [InlineData("classic.trades.jsonl.gz")]
    [InlineData("benign.trades.jsonl.gz")]
    public void Every_sample_trade_validates_against_the_trade_event_schema(string sample)
    {
        var schema = Schemas.Load("trade-event.v1.schema.json");
        using var input = InputFiles.Open(RepoPaths.Sample(sample));
        using var reader = new StreamReader(input);
        var n = 0;
        while (reader.ReadLine() is { } line)
        {
            // Every 50th line: the whole file takes long to evaluate and the lines are alike.
            if (n++ % 50 == 0) Schemas.AssertValid(schema, line);
        }
        Assert.True(n > 1000);
    }

    [Fact]
    public void A_trade_written_by_the_pipeline_carries_only_fields_of_the_trade_event_schema()
    {
        // What the ingest puts on the trades topic and `sentinel map` prints: TradeEvent v1, nothing derived.
        var schema = JsonNode.Parse(File.ReadAllText(RepoPaths.Schema("trade-event.v1.schema.json")))!;
        var properties = schema["properties"]!.AsObject().Select(p => p.Key).ToHashSet();
        using var input = InputFiles.Open(RepoPaths.Sample("classic.trades.jsonl.gz"));
        using var reader = new StreamReader(input);
        var trade = JsonSerializer.Deserialize(reader.ReadLine()!, SentinelJson.Default.TradeEvent)!;
        trade.QuoteUsd = 1;
        var written = JsonNode.Parse(JsonSerializer.Serialize(trade, SentinelJson.Default.TradeEvent))!.AsObject();
        Assert.All(written.Select(p => p.Key), field => Assert.Contains(field, properties));
        Assert.Equal("USDT", trade.QuoteAsset);
    }

    [Fact]
    public void Trade_event_schema_requires_exactly_the_fields_the_contract_marks_required()
    {
        var table = Regex.Matches(File.ReadAllText(RepoPaths.Contract), @"^\| (?<field>[a-z_.*, ]+) \| [^|]+ \| (?<req>yes|no) \|", RegexOptions.Multiline);
        Assert.NotEmpty(table);
        var schema = JsonNode.Parse(File.ReadAllText(RepoPaths.Schema("trade-event.v1.schema.json")))!;
        var required = schema["required"]!.AsArray().Select(n => n!.GetValue<string>()).ToHashSet();
        var partyRequired = schema["$defs"]!["party"]!["required"]!.AsArray().Select(n => "*." + n!.GetValue<string>()).ToHashSet();
        var properties = schema["properties"]!.AsObject().Select(p => p.Key).Concat(schema["$defs"]!["party"]!["properties"]!.AsObject().Select(p => "*." + p.Key)).ToHashSet();
        foreach (Match row in table)
            foreach (var field in row.Groups["field"].Value.Split(',', StringSplitOptions.TrimEntries))
            {
                Assert.Contains(field, properties);
                Assert.Equal(row.Groups["req"].Value == "yes", required.Contains(field) || partyRequired.Contains(field));
            }
    }

    [Fact]
    public void Recommendation_schema_lists_every_field_of_the_contract_example()
    {
        var contract = File.ReadAllText(RepoPaths.Contract);
        var example = Regex.Match(contract, @"\{""alert_id"".*?""model_version"":""\.\.\.""\}", RegexOptions.Singleline).Value;
        var schema = Schemas.Load("freeze-recommendation.v1.schema.json");
        Schemas.AssertValid(schema, example);
        var properties = JsonNode.Parse(File.ReadAllText(RepoPaths.Schema("freeze-recommendation.v1.schema.json")))!["properties"]!.AsObject();
        foreach (var field in JsonNode.Parse(example)!.AsObject()) Assert.True(properties.ContainsKey(field.Key), field.Key);
    }

    [Fact]
    public void Recommendation_schema_refuses_an_account_action_without_its_account()
    {
        var schema = Schemas.Load("freeze-recommendation.v1.schema.json");
        var bad = """{"alert_id":"x","ts":1,"action":"freeze_account","severity":"high","score":0.5,"reasons":[{"code":"a","detail":"b"}],"trade_ids":["T"],"model_version":"m"}""";
        Assert.False(schema.Evaluate(JsonDocument.Parse(bad).RootElement).IsValid);
    }

    [Fact]
    public void The_id_alphabet_and_amount_bounds_are_the_same_in_the_contract_the_schema_and_the_validator()
    {
        var schema = JsonNode.Parse(File.ReadAllText(RepoPaths.Schema("trade-event.v1.schema.json")))!;
        Assert.Equal(IdAlphabet.Pattern, schema["$defs"]!["id"]!["pattern"]!.GetValue<string>());
        Assert.Contains($"`{IdAlphabet.Pattern}`", File.ReadAllText(RepoPaths.Contract));
        Assert.Equal(TradeValidator.MaxAmount, schema["properties"]!["qty"]!["maximum"]!.GetValue<double>());
        Assert.Equal(TradeValidator.MaxQuoteUsd, schema["properties"]!["quote_usd"]!["maximum"]!.GetValue<double>());
        Assert.Equal(TradeValidator.MaxTs, schema["properties"]!["ts"]!["maximum"]!.GetValue<long>());
    }

    [Fact]
    public void Every_id_or_range_case_of_the_bad_record_corpus_breaks_the_schema_too()
    {
        var schema = Schemas.Load("trade-event.v1.schema.json");
        var cases = Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests/data/bad-records"), "*.jsonl")
            .Where(f => Path.GetFileName(f).StartsWith("value_out_of_range--") || (Path.GetFileName(f).StartsWith("invalid_field--") && f.Contains("-id")))
            .ToList();
        Assert.True(cases.Count >= 6, $"{cases.Count} cases");
        foreach (var file in cases)
            Assert.False(schema.Evaluate(JsonDocument.Parse(File.ReadAllText(file)).RootElement).IsValid, Path.GetFileName(file));
    }
}
