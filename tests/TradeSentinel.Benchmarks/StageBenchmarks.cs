using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using TradeSentinel.Alerting;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Core.Validation;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Redis;
using TradeSentinel.Market;
using TradeSentinel.Scoring.Features;
using TradeSentinel.Scoring.Model;

namespace TradeSentinel.Benchmarks;

/// <summary>
/// Each in-process stage alone on the same 10,000 records of the classic sample, without Kafka: one
/// operation handles all of them, so records/s = 10,000 / mean. Shows which stage bounds the whole.
/// </summary>
[MemoryDiagnoser]
public class StageBenchmarks
{
    public const int Records = 10_000;

    private List<byte[]> _lines = [];
    private List<TradeEventLine> _trades = [];
    private List<Fill> _fills = [];
    private List<FeatureRow> _rows = [];
    private SentinelModel _model = null!;
    private EmbeddedRedisServer _redis = null!;
    private RedisConnector _connector = null!;
    private AlertDecider _decider = null!;
    private List<ScoredFill> _flagged = [];
    private List<ScoredFill> _tagged = [];
    private int _round;

    private sealed record TradeEventLine(Core.Contract.TradeEvent Trade);

    [GlobalSetup]
    public void Setup()
    {
        var root = Paths.Root;
        using (var input = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(root, "tests/data/sample/classic.trades.jsonl.gz")), CompressionMode.Decompress)))
            while (_lines.Count < Records && input.ReadLine() is { } line) _lines.Add(Encoding.UTF8.GetBytes(line));
        var parser = new TradeParser();
        var market = new MarketState();
        foreach (var line in _lines)
        {
            parser.TryParse(line, out var trade, out _);
            trade.QuoteUsd ??= 1;
            _trades.Add(new TradeEventLine(trade));
            var (buyer, seller) = FillSplitter.Split(trade, market.Observe(trade));
            _fills.Add(buyer);
            _fills.Add(seller);
        }
        var features = new FeatureExtractor();
        foreach (var fill in _fills)
        {
            var row = new FeatureRow();
            features.Extract(fill, row.Features);
            _rows.Add(row);
        }
        _model = SentinelModel.Load(Environment.GetEnvironmentVariable("SENTINEL_MODEL") ?? Path.Combine(root, ".build/model/sentinel-model.zip"));
        _redis = EmbeddedRedisServer.Start();
        _connector = new RedisConnector(Microsoft.Extensions.Options.Options.Create(new RedisOptions { Configuration = _redis.Configuration }));
        _decider = new AlertDecider(new CorrelationStore(_connector), new AlertingOptions());
        // Every 20th fill flagged as a stolen key's (the worst case: each one correlates in Redis), and
        // the same fills as an ordinary stream would carry them, one in a hundred flagged.
        for (var i = 0; i < _fills.Count; i++)
        {
            var scored = new ScoredFill
            {
                Fill = _fills[i],
                Score = 0.99,
                AdversePremium = 1.5,
                Flagged = i % 100 == 0,
                NewSourceForKey = _fills[i].ApiKeyId is not null,
                Reasons = [new Core.Contract.AlertReason("price_premium", "paid 2.5x the 15-min VWAP")],
                ModelVersion = "bench",
            };
            _tagged.Add(scored);
            if (i % 20 == 0 && _flagged.Count < 1_000) _flagged.Add(new ScoredFill
            {
                Fill = scored.Fill,
                Score = scored.Score,
                AdversePremium = scored.AdversePremium,
                Flagged = true,
                NewSourceForKey = scored.NewSourceForKey,
                Reasons = scored.Reasons,
                ModelVersion = scored.ModelVersion,
            });
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _connector.Dispose();
        _redis.Dispose();
    }

    [Benchmark(Description = "parse + validate (10k trades)")]
    public int ParseAndValidate()
    {
        var parser = new TradeParser();
        var ok = 0;
        foreach (var line in _lines)
            if (parser.TryParse(line, out _, out _)) ok++;
        return ok;
    }

    [Benchmark(Description = "market context + split (10k trades)")]
    public int MarketStage()
    {
        var market = new MarketState();
        var n = 0;
        foreach (var t in _trades) n += FillSplitter.Split(t.Trade, market.Observe(t.Trade)).Buyer.Qty > 0 ? 2 : 0;
        return n;
    }

    [Benchmark(Description = "fill JSON out and back in, one topic hop (20k fills)")]
    public int FillJson()
    {
        var n = 0;
        foreach (var fill in _fills)
        {
            var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(fill, Core.SentinelJson.Default.Fill);
            n += Core.Pipeline.FillReader.TryRead(bytes, out var read, out _) ? read.TradeId.Length : 0;
        }
        return n;
    }

    [Benchmark(Description = "features (20k fills)")]
    public double Features()
    {
        var features = new FeatureExtractor();
        var into = new float[FeatureSchema.Count];
        var sum = 0.0;
        foreach (var fill in _fills) sum += features.Extract(fill, into);
        return sum;
    }

    [Benchmark(Description = "model scoring, reused engine (20k fills)")]
    public float Scoring() => _model.ScoreRaw(_rows)[^1];

    [Benchmark(Description = "alerter decisions, 1k flagged fills in one batch (Redis pipelined)")]
    public async Task<int> AlerterFlagged() => (await _decider.DecideAsync(Round(_flagged), _ => false)).Count;

    [Benchmark(Description = "alerter decisions, 20k tagged fills, 1% flagged, in one batch")]
    public async Task<int> AlerterTagged() => (await _decider.DecideAsync(Round(_tagged), _ => false)).Count;

    // Fresh event times per round, so every round writes as a new stretch of fills would (the
    // windows trim what is two windows old), and fresh trade ids, so no claim is a repeat.
    private List<ScoredFill> Round(List<ScoredFill> fills)
    {
        var round = Interlocked.Increment(ref _round) * 100_000_000L;
        return fills.ConvertAll(f => new ScoredFill
        {
            Fill = new Fill
            {
                TradeId = f.Fill.TradeId + "-" + round,
                Ts = round + f.Fill.Ts % 100_000_000,
                Symbol = f.Fill.Symbol,
                Side = f.Fill.Side,
                AccountId = f.Fill.AccountId,
                ApiKeyId = f.Fill.ApiKeyId,
                AppId = f.Fill.AppId,
                Counterparty = f.Fill.Counterparty,
                Market = f.Fill.Market,
            },
            Score = f.Score,
            AdversePremium = f.AdversePremium,
            Flagged = f.Flagged,
            NewSourceForKey = f.NewSourceForKey,
            OnlyWinsOffMarket = f.OnlyWinsOffMarket,
            Reasons = f.Reasons,
            ModelVersion = f.ModelVersion,
        });
    }
}

internal static class Paths
{
    public static readonly string Root = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TradeSentinel.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
