using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using TradeSentinel.Alerting;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Core.Validation;
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
    private CorrelationStore _store = null!;
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
        _store = new CorrelationStore(_connector);
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
            n += System.Text.Json.JsonSerializer.Deserialize(bytes, Core.SentinelJson.Default.Fill)!.TradeId.Length;
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

    [Benchmark(Description = "alerter Redis windows, 4 scripts per flagged fill (1k flagged fills)")]
    public async Task<long> AlerterRedis()
    {
        // Distinct event times per round, so every round writes as a new stretch of fills would.
        var round = Interlocked.Increment(ref _round) * 10_000_000L;
        var last = 0L;
        for (var i = 0; i < 1_000; i++)
        {
            var fill = _fills[i * 20];
            var ts = round + fill.Ts % 10_000_000;
            var a = _store.AddAsync($"acct:{fill.AccountId}:flags", fill.TradeId, ts, 3_600_000);
            var b = _store.AddAsync($"cp:{fill.Counterparty.AccountId}:victims", fill.AccountId, ts, 3_600_000);
            var c = _store.AddAsync($"app:{fill.AppId ?? "none"}:accounts", fill.AccountId, ts, 3_600_000);
            var d = _store.AddAsync("victims", fill.AccountId, ts, 3_600_000);
            last = await a + await b + await c + await d;
        }
        return last;
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
