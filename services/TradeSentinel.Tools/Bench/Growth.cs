using System.Diagnostics;
using System.Text.Json.Nodes;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Redis;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tools.Bench;

/// <summary>
/// How throughput and memory change with the number of active accounts and of scorer instances:
/// the same stream replayed with its parties renamed so that exactly N accounts trade.
/// </summary>
public static class Growth
{
    public sealed record Row(int Accounts, int Scorers, long Trades, double TradesPerSecond, double PeakRssMiB, double HeapAfterMiB,
        double RedisUsedMiB, long ScorerStateKeys, double ScorerStateMeanBytes);

    /// <summary>Writes <paramref name="trades"/> trades of <paramref name="source"/> with their parties renamed over <paramref name="accounts"/> accounts, round robin.</summary>
    public static string WriteFeed(string source, string output, int accounts, int trades)
    {
        var path = Path.Combine(output, $"growth-{accounts}.jsonl");
        using var reader = new StreamReader(Ingest.InputFiles.Open(source));
        using var writer = new StreamWriter(path);
        for (var i = 0; i < trades && reader.ReadLine() is { } line; i++)
        {
            var trade = JsonNode.Parse(line)!;
            Rename(trade["buyer"]!, $"G{2L * i % accounts}");
            Rename(trade["seller"]!, $"G{(2L * i + 1) % accounts}");
            writer.WriteLine(trade.ToJsonString());
        }
        return path;
    }

    // The account's key follows the account, so the key's history grows with it as a real one would.
    private static void Rename(JsonNode party, string account)
    {
        party["account_id"] = account;
        if (party["api_key_id"] is not null) party["api_key_id"] = "K" + account;
    }

    /// <summary>Replays one feed on a fresh redis-server and reports its rate and memory.</summary>
    public static async Task<Row> MeasureAsync(string[] args, string feed, int accounts, int scorers)
    {
        using var redis = EmbeddedRedisServer.Start();
        using var process = Process.GetCurrentProcess();
        long peakRss = 0;
        using var sampler = new Timer(_ =>
        {
            process.Refresh();
            peakRss = Math.Max(peakRss, process.WorkingSet64);
        }, null, 0, 250);
        double heapAfter = 0;
        // While the scorers still hold every account's state: the managed heap after a full collection.
        var run = await PipelineRun.ExecuteAsync([.. args, "--Redis:Configuration", redis.Configuration], feed, scorers: scorers,
            beforeStop: () => { heapAfter = GC.GetTotalMemory(forceFullCollection: true); return Task.CompletedTask; });
        var footprint = RedisFootprint.Measure(redis.Configuration, new RedisOptions().KeyPrefix);
        var state = footprint.ByKind["scorer"];
        return new Row(accounts, scorers, run.Trades, Math.Round(run.Trades / run.Elapsed.TotalSeconds), Math.Round(peakRss / 1048576.0),
            Math.Round(heapAfter / 1048576.0), Math.Round(footprint.UsedMemoryBytes / 1048576.0, 1), state.Keys, Math.Round(state.MeanBytes));
    }
}
