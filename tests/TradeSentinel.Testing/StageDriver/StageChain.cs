using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TradeSentinel.Alerting;
using TradeSentinel.Alerting.Suppression;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Core.Validation;
using TradeSentinel.Ingest;
using TradeSentinel.Market;
using TradeSentinel.Scoring;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.StageDriver;

/// <summary>
/// The market, scorer and alerter stages chained by their drivers, without a broker: each stage's
/// output, watermarks included, is piped into the next. All three keep their state in one real redis-server.
/// </summary>
public sealed class StageChain : IDisposable
{
    // Promises trail the newest trade by this much: the samples' trades are never that far out of order.
    private const long Lateness = 60_000;
    private const int TradesPerPoll = 500;

    private readonly LocalRedis _redis = new();

    public StageChain(string modelPath)
    {
        var scoring = Options.Create(new ScoringOptions { ModelPath = modelPath });
        Market = new(c => new MarketStage(c, new MarketTapeStore(_redis.Connector)));
        Scorer = new(c => new ScorerStage(c, new ModelProvider(scoring, NullLogger<ModelProvider>.Instance, c.Metrics),
            new ScorerStateStore(_redis.Connector), scoring));
        Alerter = new(c => new AlerterStage(c, new CorrelationStore(_redis.Connector), Options.Create(new AlertingOptions()), new SuppressionList(_redis.Connector)));
    }

    public StageTestDriver<TradeEvent> Market { get; }
    public StageTestDriver<Fill> Scorer { get; }
    public StageTestDriver<ScoredFill> Alerter { get; }

    /// <summary>Every trade of the file, validated and priced as ingest does, then the end of the stream; returns the recommendations.</summary>
    public List<FreezeRecommendation> Run(string tradesFile)
    {
        var parser = new TradeParser();
        var quotes = new QuoteUsdResolver();
        var newest = long.MinValue;
        var promised = long.MinValue;
        var inPoll = 0;
        using var input = InputFiles.Open(tradesFile);
        using var lines = new StreamReader(input);
        while (lines.ReadLine() is { } line)
        {
            Assert.True(parser.TryParse(System.Text.Encoding.UTF8.GetBytes(line), out var trade, out var rejection), rejection.Detail);
            Assert.True(trade.Ts >= promised, $"trade {trade.TradeId} is older than the promise already made");
            quotes.Resolve(trade);
            Market.Pipe(JsonSerializer.SerializeToUtf8Bytes(trade, SentinelJson.Default.TradeEvent), key: trade.Symbol);
            newest = Math.Max(newest, trade.Ts!.Value);
            if (++inPoll < TradesPerPoll) continue;
            inPoll = 0;
            promised = Math.Max(promised, newest - Lateness);
            Market.PipeWatermark(promised);
            Advance();
        }
        Market.PipeEndOfStream();
        Advance();
        return Alerter.Records(Alerter.Topics.Alerts).Select(m => JsonSerializer.Deserialize(m.Value, SentinelJson.Default.FreezeRecommendation)!).ToList();
    }

    private void Advance()
    {
        Market.Advance();
        Pipe(Market.TakeOutput(Market.Topics.Fills), Scorer);
        Scorer.Advance();
        Pipe(Scorer.TakeOutput(Scorer.Topics.Scored), Alerter);
        Alerter.Advance();
    }

    private static void Pipe<T>(List<Message<string?, byte[]>> records, StageTestDriver<T> into)
    {
        foreach (var record in records) into.Pipe(record);
    }

    public void Dispose()
    {
        Alerter.Dispose();
        Scorer.Dispose();
        Market.Dispose();
        _redis.Dispose();
    }
}
