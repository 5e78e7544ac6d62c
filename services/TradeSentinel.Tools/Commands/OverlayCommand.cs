using System.IO.Compression;
using System.Text.Json;
using TradeSentinel.Core;
using TradeSentinel.Ingest;
using TradeSentinel.Service;
using TradeSentinel.Simulation;
using TradeSentinel.Tools.Backtest;

namespace TradeSentinel.Tools.Commands;

/// <summary>
/// <c>sentinel overlay --input tape.jsonl[.gz] --out overlaid.jsonl.gz --labels labels.jsonl [--seed N] [--beneficiaries 3] [--coins 3] [--wave-minutes 8-20]</c>:
/// a leaked app's attack laid over a recorded tape (<see cref="OverlaidTape"/>), with its labels,
/// to measure detection on a venue's own market.
/// </summary>
public static class OverlayCommand
{
    public static int Run(string[] args)
    {
        var input = CommandLine.Required(args, "--Ingest:Input");
        var output = CommandLine.Required(args, "--out");
        var labelsPath = CommandLine.Required(args, "--labels");
        var seed = int.Parse(CommandLine.Value(args, "--seed") ?? "1");
        var beneficiaries = int.Parse(CommandLine.Value(args, "--beneficiaries") ?? "3");
        var coins = int.Parse(CommandLine.Value(args, "--coins") ?? "3");
        var minutes = (CommandLine.Value(args, "--wave-minutes") ?? "8-20").Split('-').Select(double.Parse).ToArray();

        var (injected, tape) = OverlaidTape.Write(input, seed, beneficiaries, coins, minutes[0], minutes[^1], output, labelsPath);
        Console.Error.WriteLine($"overlaid {injected:N0} attack trades ({beneficiaries} beneficiaries, {coins} coins) on {tape:N0} trades → {output}, {labelsPath}");
        return 0;
    }
}
