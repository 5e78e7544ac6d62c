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
/// to measure detection on a venue's own market; <c>--attack NAME</c> lays one of <see cref="TapeAttack.All"/> instead.
/// </summary>
public static class OverlayCommand
{
    public static int Run(string[] args)
    {
        var input = CommandLine.Required(args, "--Ingest:Input");
        var output = CommandLine.Required(args, "--out");
        var labelsPath = CommandLine.Required(args, "--labels");
        var seed = int.Parse(CommandLine.Value(args, "--seed") ?? "1");
        if (CommandLine.Value(args, "--attack") is { } name) return Named(args, name, input, seed, output, labelsPath);
        var beneficiaries = int.Parse(CommandLine.Value(args, "--beneficiaries") ?? "3");
        var coins = int.Parse(CommandLine.Value(args, "--coins") ?? "3");
        var minutes = (CommandLine.Value(args, "--wave-minutes") ?? "8-20").Split('-').Select(double.Parse).ToArray();

        var (injected, tape) = OverlaidTape.Write(input, seed, beneficiaries, coins, minutes[0], minutes[^1], output, labelsPath);
        Console.Error.WriteLine($"overlaid {injected:N0} attack trades ({beneficiaries} beneficiaries, {coins} coins) on {tape:N0} trades → {output}, {labelsPath}");
        return 0;
    }

    private static int Named(string[] args, string name, string input, int seed, string output, string labelsPath)
    {
        var attack = TapeAttack.Find(name) ?? throw new UsageException($"unknown attack '{name}'; --attack takes {TapeAttack.Names}");
        foreach (var shape in new[] { "--beneficiaries", "--coins", "--wave-minutes" })
            if (CommandLine.Value(args, shape) is not null) throw new UsageException($"{shape} shapes the default leaked app; --attack {attack.Name} has its own shape");
        var tape = TradeFile.ReadValid(input).ToList();
        if (tape.Count == 0) throw new UsageException($"{input}: no valid trade to lay an attack over");
        var injected = attack.Lay(new TapeOverlay(tape, seed));
        if (injected.Count == 0) throw new UsageException($"{input}: no account or coin of the profile {attack.Name} needs ({attack.Description})");
        OverlaidTape.Write(tape, injected, output, labelsPath);
        Console.Error.WriteLine($"overlaid {injected.Count:N0} {attack.Name} trades ({injected.Select(x => x.Victim).Distinct().Count()} victims, " +
            $"{injected.Select(x => x.Beneficiary).Distinct().Count()} beneficiaries) on {tape.Count:N0} trades → {output}, {labelsPath}");
        return 0;
    }
}
