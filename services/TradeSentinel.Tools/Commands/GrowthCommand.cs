using System.Text.Json;
using TradeSentinel.Service;
using TradeSentinel.Tools.Bench;

namespace TradeSentinel.Tools.Commands;

/// <summary>
/// <c>sentinel growth [--trades 600000] [--out bench]</c>: the same simulated stream with its parties
/// spread over 10k, 100k and 1M active accounts, then at 100k accounts with 2 and 4 scorer
/// instances in one consumer group: trades/s, peak resident memory, managed heap with every
/// account's state held, Redis memory. Writes growth.json and growth.md.
/// </summary>
public static class GrowthCommand
{
    private static readonly int[] AccountCounts = [10_000, 100_000, 1_000_000];
    private static readonly int[] MoreScorers = [2, 4];
    private const int ScorersAt = 100_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var trades = int.Parse(CommandLine.Value(args, "--trades") ?? "600000");
        var output = CommandLine.Value(args, "--out") ?? "bench";
        Directory.CreateDirectory(output);
        var source = LoadStream.Write(output, "growth-source.jsonl.gz", "growth-labels.jsonl", seed: 13, trades);

        var rows = new List<Growth.Row>();
        foreach (var accounts in AccountCounts)
        {
            var feed = Growth.WriteFeed(source, output, accounts, trades);
            rows.Add(await Growth.MeasureAsync(args, feed, accounts, scorers: 1));
            Console.Error.WriteLine(rows[^1]);
            if (accounts == ScorersAt)
                foreach (var scorers in MoreScorers)
                {
                    rows.Add(await Growth.MeasureAsync(args, feed, accounts, scorers));
                    Console.Error.WriteLine(rows[^1]);
                }
            File.Delete(feed);
        }

        await File.WriteAllTextAsync(Path.Combine(output, "growth.json"), JsonSerializer.Serialize(rows, new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        }));
        var small = rows.First(r => r.Accounts == AccountCounts[0] && r.Scorers == 1);
        var large = rows.First(r => r.Accounts == AccountCounts[^1] && r.Scorers == 1);
        // Accounts that traded (each has its state saved once): the feed's N, or fewer when it has fewer fills than N.
        var heapPerAccount = (large.HeapAfterMiB - small.HeapAfterMiB) * 1048576 / (large.ScorerStateKeys - small.ScorerStateKeys);
        var report = $"""
            # Growth: {trades:N0} trades, parties spread over N active accounts

            | accounts in the feed | scorer instances | trades/s | peak resident memory | managed heap, all state held | Redis used memory | scorer state in Redis |
            |---|---|---|---|---|---|---|
            {string.Join("\n", rows.Select(r => $"| {r.Accounts:N0} | {r.Scorers} | {r.TradesPerSecond:N0} | {r.PeakRssMiB:N0} MiB | {r.HeapAfterMiB:N0} MiB | {r.RedisUsedMiB:N1} MiB | {r.ScorerStateKeys:N0} keys × {r.ScorerStateMeanBytes:N0} B |"))}

            Scorer state in memory: {heapPerAccount:N0} bytes per active account (managed heap difference between {large.ScorerStateKeys:N0} and {small.ScorerStateKeys:N0} active accounts).
            """;
        await File.WriteAllTextAsync(Path.Combine(output, "growth.md"), report);
        Console.WriteLine(report);
        return 0;
    }
}
