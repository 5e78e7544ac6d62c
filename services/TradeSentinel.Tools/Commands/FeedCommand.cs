using System.Globalization;
using TradeSentinel.Ingest;
using TradeSentinel.Service;
using TradeSentinel.Simulation;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tools.Commands;

/// <summary>
/// <c>sentinel feed [--scenario mix] [--rate 150] [--segment-minutes 10] [--seed 1]</c>: a simulated
/// market played live on standard output until stopped, so that <c>sentinel feed | sentinel ingest
/// --input -</c> behaves as a venue's live feed (the compose stack's demo). The market is simulated
/// one segment at a time, the next one (next seed) while the current one plays; each is moved in
/// event time to start where the one before ended (the first: when it is ready), and each trade is
/// written when the wall clock reaches its event time.
/// </summary>
public static class FeedCommand
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancel)
    {
        var scenario = SimulateCommand.ParseScenario(CommandLine.Value(args, "--scenario") ?? "mix");
        var rate = double.Parse(CommandLine.Value(args, "--rate") ?? "150", CultureInfo.InvariantCulture);
        var minutes = double.Parse(CommandLine.Value(args, "--segment-minutes") ?? "10", CultureInfo.InvariantCulture);
        var seed = int.Parse(CommandLine.Value(args, "--seed") ?? "1", CultureInfo.InvariantCulture);
        var work = Directory.CreateTempSubdirectory("sentinel-feed-").FullName;
        try
        {
            await using var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
            var next = Task.Run(() => Simulate(work, scenario, rate, minutes, seed), cancel);
            long? start = null;
            for (var segment = 1; !cancel.IsCancellationRequested; segment++)
            {
                var (path, options) = await next;
                next = Task.Run(() => Simulate(work, scenario, rate, minutes, seed + segment), cancel);
                start ??= DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                Console.Error.WriteLine($"feed: segment {segment} ({SimulateCommand.Kebab(scenario)}, seed {options.Seed}), {minutes} min live");
                await PlayAsync(path, options, start.Value, $"s{segment}-", stdout, cancel);
                start += options.DurationMs;
                File.Delete(path);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        return 0;
    }

    /// <summary>
    /// The segment's trades moved to start at <paramref name="start"/>, each written once due, until the
    /// segment's end (the simulator schedules some attack waves beyond it). Every segment numbers its
    /// trades from 1: the prefix keeps them distinct for ingest's duplicate filter.
    /// </summary>
    private static async Task PlayAsync(string path, SimulationOptions options, long start, string idPrefix, StreamWriter output, CancellationToken cancel)
    {
        var shift = start - options.StartTs;
        using var reader = new StreamReader(InputFiles.Open(path));
        while (await reader.ReadLineAsync(cancel) is { } line)
        {
            var due = (TradeLine.Ts(line) ?? options.StartTs) + shift;
            if (due > start + options.DurationMs) return;
            var wait = due - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            if (wait > 0) await Task.Delay(TimeSpan.FromMilliseconds(wait), cancel);
            await output.WriteLineAsync(TradeLine.WithTradeId(TradeLine.WithTs(line, ts => ts + shift), id => idPrefix + id));
        }
    }

    private static (string Path, SimulationOptions Options) Simulate(string work, Scenario scenario, double rate, double minutes, int seed)
    {
        var options = new SimulationOptions { Scenario = scenario, Rate = rate, Hours = minutes / 60, Seed = seed };
        var path = Path.Combine(work, $"segment-{seed}.jsonl");
        Simulator.Run(options, path, Path.Combine(work, $"labels-{seed}.jsonl"));
        return (path, options);
    }
}
