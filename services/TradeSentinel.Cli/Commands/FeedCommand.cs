using System.Globalization;
using TradeSentinel.Cli.Wall;
using TradeSentinel.Simulation;

namespace TradeSentinel.Cli.Commands;

/// <summary>
/// <c>sentinel feed [--scenario mix] [--rate 150] [--segment-minutes 10] [--seed 1]</c>: a simulated
/// market played live on standard output until stopped, its event time the wall clock, so that
/// <c>sentinel feed | sentinel ingest --input -</c> behaves as a venue's live feed (the compose
/// stack's demo). The market is simulated one segment at a time, the next one (next seed) while the
/// current one plays, each starting where the one before ended.
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
            var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 5_000;
            var next = Task.Run(() => Simulate(work, scenario, rate, minutes, seed, start), cancel);
            for (var segment = 1; !cancel.IsCancellationRequested; segment++)
            {
                var (path, options) = await next;
                var end = options.StartTs + options.DurationMs;
                next = Task.Run(() => Simulate(work, scenario, rate, minutes, seed + segment, end), cancel);
                Console.Error.WriteLine($"feed: segment {segment} ({SimulateCommand.Kebab(scenario)}, seed {options.Seed}), {minutes} min live");
                // Every segment numbers its trades from 1: a prefix keeps them distinct for ingest's duplicate filter.
                using (var reader = new StreamReader(PacedFeed.Open(path, end, cancel)))
                    while (await reader.ReadLineAsync(cancel) is { } line)
                        await stdout.WriteLineAsync(line.Replace("\"trade_id\":\"", $"\"trade_id\":\"s{segment}-"));
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

    private static (string Path, SimulationOptions Options) Simulate(string work, Scenario scenario, double rate, double minutes, int seed, long start)
    {
        var options = new SimulationOptions { Scenario = scenario, Rate = rate, Hours = minutes / 60, Seed = seed, StartTs = start };
        var path = Path.Combine(work, $"segment-{seed}.jsonl");
        Simulator.Run(options, path, Path.Combine(work, $"labels-{seed}.jsonl"));
        return (path, options);
    }
}
