using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Hosting;
using TradeSentinel.Service;
using TradeSentinel.Simulation;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;
using TradeSentinel.Tools.Wall;

namespace TradeSentinel.Tools.Commands;

/// <summary>
/// <c>sentinel wall [--minutes 4] [--rate 150] [--scenario mix] [--seed 9] --out DIR</c>: plays a
/// simulated market as a live feed (event time = wall clock) through the whole pipeline while
/// Debian's Prometheus scrapes it, then renders the Grafana dashboard's panels from Prometheus as PNG.
/// </summary>
public static class WallCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var output = CommandLine.Required(args, "--out");
        var minutes = double.Parse(CommandLine.Value(args, "--minutes") ?? "4");
        var work = Directory.CreateTempSubdirectory("sentinel-wall-").FullName;
        try
        {
            var trades = Path.Combine(work, "trades.jsonl");
            var options = new SimulationOptions
            {
                Scenario = SimulateCommand.ParseScenario(CommandLine.Value(args, "--scenario") ?? "mix"),
                Seed = int.Parse(CommandLine.Value(args, "--seed") ?? "9"),
                Rate = double.Parse(CommandLine.Value(args, "--rate") ?? "150"),
                Hours = minutes / 60,
                StartTs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 15_000, // after the pipeline has started
            };
            Simulator.Run(options, trades, Path.Combine(work, "labels.jsonl"));

            var port = LoopbackPort.Free();
            using var prometheus = new LocalPrometheus(CommandLine.Value(args, "--rules") ?? RepositoryPaths.Default("deploy/prometheus/rules.yml"), $"127.0.0.1:{port}");
            var panels = DashboardFile.Panels(CommandLine.Value(args, "--dashboard") ?? RepositoryPaths.Default(DashboardFile.DefaultPath));
            var start = DateTimeOffset.UtcNow;
            List<string> written = [];
            Console.Error.WriteLine($"playing {minutes} min of '{options.Scenario}' live; Prometheus at {prometheus.Address}");
            var result = await PipelineRun.ExecuteAsync([.. args, "--urls", $"http://127.0.0.1:{port}"], trades,
                progress: Console.Error.WriteLine,
                openInput: () => PacedFeed.Open(trades, options.StartTs + options.DurationMs, CancellationToken.None),
                beforeStop: async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(5)); // the final scrapes
                    written = await WallCharts.RenderAsync(prometheus, panels, start, DateTimeOffset.UtcNow, output);
                });
            Console.Error.WriteLine($"{result.Trades:N0} trades, {result.Alerts.Count} recommendations; charts: {string.Join(", ", written)}");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
