using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using TradeSentinel.Core.Validation;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Validation;

/// <summary>
/// Mutational fuzzing of the parser and validator: real records from the classic sample, broken by
/// random byte flips, deletions, insertions, truncations, spliced fragments and hostile values, for
/// a bounded time. Whatever the input, the parser never throws, and it either returns a trade that
/// satisfies the contract or refuses with a known reason and an explanation.
/// </summary>
public sealed class ParserFuzzTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);
    private static readonly string[] Reasons =
        [Rejection.InvalidJson, Rejection.InvalidUtf8, Rejection.MissingField, Rejection.InvalidField, Rejection.TooLarge, Rejection.ValueOutOfRange];

    private static readonly byte[][] Hostile = [.. new[]
    {
        "NaN", "-Infinity", "1e999", "-0", "0", "-1", "null", "true", "\"\"", "[]", "{}", "\"\\u0000\"", "\"\\ud800\"",
        "99999999999999999999999", "1.7976931348623157e309", "1e308", "9223372036854775807", "\"A\\u001fB\"", "\"A\\r\\nB\"", "\"\u00e9\"", "\"buy\"", "\"sell\"", "\"api\"", ",", ":", "\"", "\\",
    }.Select(Encoding.UTF8.GetBytes), [0xff], [0xc3], [0xed, 0xa0, 0x80]];

    [Fact]
    public void The_parser_never_throws_and_every_accepted_record_satisfies_the_contract()
    {
        var seeds = SampleLines(500);
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var parser = new TradeParser(maxRecordBytes: 4096);
        var clock = Stopwatch.StartNew();
        var (runs, accepted) = (0, 0);
        while (clock.Elapsed < Budget)
        {
            var input = Mutate(seeds[random.Next(seeds.Count)], seeds[random.Next(seeds.Count)], random);
            bool ok;
            TradeEventCheck result;
            try
            {
                ok = parser.TryParse(input, out var trade, out var rejection);
                result = ok ? TradeEventCheck.Of(trade) : TradeEventCheck.Refused(rejection);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"seed {seed}: parser threw {e.GetType().Name} on {Convert.ToBase64String(input)}: {e.Message}");
            }
            Assert.True(result.Valid, $"seed {seed}: {result.Problem} for {Encoding.UTF8.GetString(input)}");
            runs++;
            if (ok) accepted++;
        }
        // The mutations reach both sides: many refusals, and some mutated records still valid.
        Assert.True(runs > 10_000, $"only {runs} inputs in {Budget}");
        Assert.InRange(accepted, 1, runs - 1);
    }

    private sealed record TradeEventCheck(bool Valid, string Problem)
    {
        public static TradeEventCheck Refused(Rejection r) =>
            Array.IndexOf(Reasons, r.Reason) >= 0 && r.Detail.Length > 0 ? new(true, "") : new(false, $"unknown reason '{r.Reason}' / '{r.Detail}'");

        public static TradeEventCheck Of(Core.Contract.TradeEvent t)
        {
            string? problem = t switch
            {
                { TradeId: null or "" } => "no trade_id",
                { Ts: null or <= 0 } => "no ts",
                { Symbol: null or "" } => "no symbol",
                _ when t.Price is not > 0 || !double.IsFinite(t.Price.Value) => "bad price",
                _ when t.Qty is not > 0 || !double.IsFinite(t.Qty.Value) => "bad qty",
                { TakerSide: not ("buy" or "sell") } => "bad taker_side",
                { Buyer.AccountId: null or "" } or { Seller.AccountId: null or "" } => "party without account",
                _ when t.Price * t.Qty > TradeValidator.MaxAmount || t.Ts > TradeValidator.MaxTs || t.QuoteUsd > TradeValidator.MaxQuoteUsd => "amount out of range",
                _ when !new[] { t.TradeId, t.Exchange, t.Buyer!.AccountId, t.Seller!.AccountId, t.Buyer.ApiKeyId ?? "k", t.Seller.ApiKeyId ?? "k",
                    t.Buyer.AppId ?? "a", t.Seller.AppId ?? "a", t.Buyer.ClientIp ?? "i", t.Seller.ClientIp ?? "i", t.Buyer.OrderId ?? "o", t.Seller.OrderId ?? "o" }
                    .All(IdAlphabet.IsValid) => "an id outside the alphabet",
                _ when t.Buyer!.AccountId == t.Seller!.AccountId => "same account both sides",
                _ => null,
            };
            return new(problem is null, problem ?? "");
        }
    }

    private static byte[] Mutate(byte[] line, byte[] other, Random random)
    {
        var bytes = new List<byte>(line);
        for (var n = random.Next(1, 4); n > 0 && bytes.Count > 0; n--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes.RemoveRange(at, Math.Min(random.Next(1, 16), bytes.Count - at)); break;
                case 2: bytes.InsertRange(at, Hostile[random.Next(Hostile.Length)]); break;
                case 3: bytes.RemoveRange(at, bytes.Count - at); break;
                case 4:
                    var from = random.Next(other.Length);
                    bytes.InsertRange(at, other.Skip(from).Take(random.Next(1, 40)));
                    break;
                case 5: bytes.InsertRange(at, Enumerable.Repeat((byte)random.Next(32, 127), random.Next(1, 5000))); break;
                default:
                    // Replace one JSON value (after a colon) with a hostile one.
                    var colon = bytes.IndexOf((byte)':', at);
                    if (colon < 0) break;
                    var end = bytes.FindIndex(colon + 1, b => b is (byte)',' or (byte)'}');
                    if (end < 0) break;
                    bytes.RemoveRange(colon + 1, end - colon - 1);
                    bytes.InsertRange(colon + 1, Hostile[random.Next(Hostile.Length)]);
                    break;
            }
        }
        return [.. bytes];
    }

    private static List<byte[]> SampleLines(int count)
    {
        using var input = new StreamReader(new GZipStream(File.OpenRead(RepoPaths.Sample("classic.trades.jsonl.gz")), CompressionMode.Decompress));
        var lines = new List<byte[]>();
        while (lines.Count < count && input.ReadLine() is { } line) lines.Add(Encoding.UTF8.GetBytes(line));
        return lines;
    }
}
