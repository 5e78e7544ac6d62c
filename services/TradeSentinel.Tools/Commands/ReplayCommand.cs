using System.Text.Json;
using TradeSentinel.Core;
using TradeSentinel.Service;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tools.Commands;

/// <summary><c>sentinel replay --input trades.jsonl[.gz] --output alerts.jsonl</c>: the contract's replay.</summary>
public static class ReplayCommand
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancel)
    {
        var input = CommandLine.Required(args, "--Ingest:Input");
        var output = CommandLine.Required(args, "--output");
        var result = await PipelineRun.ExecuteAsync(args, input, cancel: cancel);
        // Sorted by event time then id, so the same input gives a byte-identical file.
        var ordered = result.Alerts.OrderBy(a => a.Ts).ThenBy(a => a.AlertId, StringComparer.Ordinal);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await using (var file = File.CreateText(output))
            foreach (var alert in ordered)
                await file.WriteLineAsync(JsonSerializer.Serialize(alert, SentinelJson.Default.FreezeRecommendation));
        Console.Error.WriteLine(
            $"replayed {result.Trades:N0} trades ({result.Refused:N0} refused) in {result.Elapsed.TotalSeconds:F1} s " +
            $"({result.Trades / Math.Max(result.Elapsed.TotalSeconds, 1e-3):N0} trades/s); {result.Alerts.Count} recommendations written to {output}");
        return 0;
    }
}
