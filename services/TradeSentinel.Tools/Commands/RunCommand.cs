using TradeSentinel.Service;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tools.Commands;

/// <summary>
/// <c>sentinel run [--input file]</c>: the demo. Replays a labelled attack stream through the
/// whole pipeline and shows progress and each recommendation as it is produced.
/// </summary>
public static class RunCommand
{
    public const string DemoInput = "tests/data/sample/classic.trades.jsonl.gz";

    public static async Task<int> RunAsync(string[] args, CancellationToken cancel)
    {
        var input = CommandLine.Value(args, "--Ingest:Input") ?? RepositoryPaths.Default(DemoInput);
        Console.WriteLine($"TradeSentinel demo: replaying {input} through the embedded Kafka broker and a local redis-server");
        var result = await PipelineRun.ExecuteAsync(args, input,
            onAlert: a => Console.WriteLine(
                $"  ALERT {a.Severity,-8} {a.Action,-15} {a.Role ?? "",-11} {a.AccountId ?? a.AppId,-10} {a.ApiKeyId ?? "",-10} {a.Symbol} — {a.Reasons[0].Detail}"),
            progress: line => Console.WriteLine($"[progress] {line}"), cancel: cancel);
        Console.WriteLine($"done: {result.Trades:N0} trades in {result.Elapsed.TotalSeconds:F1} s, {result.Alerts.Count} recommendations");
        return 0;
    }
}
