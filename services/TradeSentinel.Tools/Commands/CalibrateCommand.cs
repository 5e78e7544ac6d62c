using System.Diagnostics;
using TradeSentinel.Service;
using TradeSentinel.Tools.Calibration;

namespace TradeSentinel.Tools.Commands;

/// <summary>
/// <c>sentinel calibrate --tapes a.jsonl.gz[,b...] [--out DIR] [--seed N] [--hours H]</c>: the simulated
/// benign market beside recorded tapes (sizes, inter-arrival, price jumps, silences, pumps), as
/// DIR/report.md, DIR/results.json and PNG charts.
/// </summary>
public static class CalibrateCommand
{
    public static int Run(string[] args)
    {
        var tapes = CommandLine.Required(args, "--tapes").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (tapes.Length == 0) throw new UsageException("--tapes names no file");
        foreach (var tape in tapes)
            if (!File.Exists(tape)) throw new UsageException($"no tape at {tape}");
        var output = CommandLine.Value(args, "--out") ?? ".build/calibration";
        var seed = int.Parse(CommandLine.Value(args, "--seed") ?? "1");
        var hours = CommandLine.Value(args, "--hours") is { } h ? double.Parse(h) : (double?)null;
        if (hours <= 0) throw new UsageException("--hours must be positive");

        var clock = Stopwatch.StartNew();
        var result = MarketCalibration.Run(tapes, seed, hours);
        Directory.CreateDirectory(output);
        var simulated = $"benign seed {seed}, {result.Options.Hours:0.#} h";
        CalibrationReport.Write(output, simulated, string.Join(", ", tapes.Select(Path.GetFileName)), result.Sim, result.Real, result.Rows);
        CalibrationCharts.Save(output, result.Sim, result.Real);
        Console.Error.WriteLine($"calibrated {simulated} ({result.Sim.Trades:N0} trades) against {result.Real.Trades:N0} recorded trades in {clock.Elapsed.TotalSeconds:F1} s → {Path.Combine(output, "report.md")}");
        return 0;
    }
}
