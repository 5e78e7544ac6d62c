using System.Diagnostics;
using System.Text.Json;
using TradeSentinel.Infrastructure.Telemetry;
using TradeSentinel.Service;
using TradeSentinel.Simulation;
using TradeSentinel.Tools.Bench;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tools.Commands;

/// <summary>
/// <c>sentinel soak [--minutes 10] [--out bench]</c>: one pipeline fed without pause at the highest
/// rate it sustains for the given time (a simulated market looped forward in event time), with the
/// process's memory sampled every 10 s. Memory must be flat after warm-up; writes soak.json and soak.md.
/// </summary>
public static class SoakCommand
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WarmUp = TimeSpan.FromMinutes(2);

    public sealed record Sample(double Minutes, long Trades, double RssMiB, double ManagedMiB);

    public static async Task<int> RunAsync(string[] args)
    {
        var minutes = double.Parse(CommandLine.Value(args, "--minutes") ?? "10");
        var output = CommandLine.Value(args, "--out") ?? "bench";
        Directory.CreateDirectory(output);
        var file = Path.Combine(output, "soak-trades.jsonl");
        Simulator.Run(new SimulationOptions { Scenario = Scenario.Mix, Seed = 11, Rate = 100, Hours = 0.5, Accounts = 20_000 }, file,
            Path.Combine(output, "soak-labels.jsonl"));
        var lines = File.ReadAllLines(file);

        var samples = new List<Sample>();
        var clock = Stopwatch.StartNew();
        using var ingested = new CounterRecorder("sentinel.trades.ingested");
        using var sampler = new Timer(_ =>
        {
            var process = Process.GetCurrentProcess();
            var sample = new Sample(Math.Round(clock.Elapsed.TotalMinutes, 2), ingested.Total, process.WorkingSet64 / 1048576.0, GC.GetTotalMemory(false) / 1048576.0);
            lock (samples) samples.Add(sample);
            Console.Error.WriteLine($"{sample.Minutes:F1} min: {sample.Trades:N0} trades, RSS {sample.RssMiB:F0} MiB, managed {sample.ManagedMiB:F0} MiB");
        }, null, SampleEvery, SampleEvery);
        var passes = 0;
        var run = await PipelineRun.ExecuteAsync(args, file,
            openInput: () => LoopingFeed.Open(lines, TimeSpan.FromMinutes(minutes), pass => passes = pass + 1));
        List<Sample> taken;
        lock (samples) taken = [.. samples];
        // After warm-up; a soak shorter than that is judged on all its samples.
        var warmedUp = taken.Where(s => s.Minutes >= WarmUp.TotalMinutes).ToList();
        var steady = warmedUp.Count >= 2 ? warmedUp : taken;
        var judged = steady == warmedUp ? $"after {WarmUp.TotalMinutes:F0} min of warm-up" : "over the whole run (shorter than the warm-up)";
        var (first, last) = (steady[0], steady[^1]);
        var slope = (last.RssMiB - first.RssMiB) / Math.Max(last.Minutes - first.Minutes, 1e-9);
        var result = new
        {
            minutes,
            trades = run.Trades,
            passes,
            trades_per_s = Math.Round(run.Trades / run.Elapsed.TotalSeconds),
            alerts = run.Alerts.Count,
            rss_mib_after_warmup = new { min = Math.Round(steady.Min(s => s.RssMiB)), max = Math.Round(steady.Max(s => s.RssMiB)) },
            rss_slope_mib_per_min = Math.Round(slope, 2),
            samples = taken,
        };
        await File.WriteAllTextAsync(Path.Combine(output, "soak.json"), JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
        var report = $"""
            # Soak: {minutes} minutes, one pipeline

            {run.Trades:N0} trades ({passes} passes over a {lines.Length:N0}-trade simulated market, moved forward in event time) at {result.trades_per_s:N0} trades/s, {run.Alerts.Count} recommendations.
            Resident memory {judged}: {result.rss_mib_after_warmup.min}–{result.rss_mib_after_warmup.max} MiB, trend {slope:+0.00;-0.00} MiB/min (whole process: broker, pipeline, model; Redis is a separate process).
            """;
        await File.WriteAllTextAsync(Path.Combine(output, "soak.md"), report);
        Console.WriteLine(report);
        return 0;
    }
}
