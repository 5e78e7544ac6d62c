using System.Text.Json;
using TradeSentinel.Core;
using TradeSentinel.Service;
using TradeSentinel.Simulation;
using TradeSentinel.Tools.Backtest;
using TradeSentinel.Tools.Evaluation;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tools.Commands;

/// <summary>
/// <c>sentinel backtest [--seeds 101,102] [--hours 3] [--out .build/backtest] [--scenarios a,b] [--tapes t1,t2]</c>: every
/// scenario at several seeds through the whole pipeline, compared with the simple rule, and each
/// recorded tape alone and overlaid with attacks (<see cref="TapeBacktest"/>); writes report.md,
/// results.json and a chart per scenario.
/// </summary>
public static class BacktestCommand
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancel)
    {
        var seeds = (CommandLine.Value(args, "--seeds") ?? "101,102").Split(',').Select(int.Parse).ToList();
        var hours = double.Parse(CommandLine.Value(args, "--hours") ?? "3");
        var output = CommandLine.Value(args, "--out") ?? ".build/backtest";
        var only = CommandLine.Value(args, "--scenarios")?.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(SimulateCommand.ParseScenario).ToHashSet();
        Directory.CreateDirectory(Path.Combine(output, "data"));
        Directory.CreateDirectory(Path.Combine(output, "charts"));
        var scenarios = Enum.GetValues<Scenario>().Where(s => only is null || only.Contains(s)).ToList();
        var tapes = CommandLine.Value(args, "--tapes") is { Length: > 0 } named ? named.Split(',') : [];
        var rows = new List<BacktestRow>();
        string model = "";
        await Progress.RunAsync(async progress =>
        {
            progress.Phase("backtest: simulating and replaying each stream",
                scenarios.Count * seeds.Count + tapes.Length * TapeBacktest.StreamsPerTape(seeds.Count));
            foreach (var scenario in scenarios)
                foreach (var seed in seeds)
                {
                    cancel.ThrowIfCancellationRequested();
                    var name = $"{SimulateCommand.Kebab(scenario)}-{seed}";
                    var tradesPath = Path.Combine(output, "data", name + ".jsonl.gz");
                    var labelsPath = Path.Combine(output, "data", name + ".labels.jsonl");
                    Simulator.Run(new SimulationOptions { Scenario = scenario, Seed = seed, Hours = hours }, tradesPath, labelsPath);
                    var outcome = await BacktestRun.MeasureAsync(args, SimulateCommand.Kebab(scenario), seed, tradesPath, labelsPath,
                        Path.Combine(output, "data", name + ".alerts.jsonl"), cancel);
                    rows.Add(outcome.Row);
                    model = outcome.Model.Length > 0 ? outcome.Model : model;
                    if (seed == seeds[0] && scenario != Scenario.Benign)
                        UsdChart.Save(Path.Combine(output, "charts", SimulateCommand.Kebab(scenario) + ".png"), $"{SimulateCommand.Kebab(scenario)}, seed {seed}",
                            outcome.Alerts, outcome.Labels, outcome.Trades);
                    progress.Step();
                }
            if (tapes.Length > 0)
                foreach (var outcome in await TapeBacktest.RunAsync(args, tapes, seeds, output, cancel, progress))
                {
                    rows.Add(outcome.Row);
                    model = outcome.Model.Length > 0 ? outcome.Model : model;
                }
            return rows;
        });
        await File.WriteAllTextAsync(Path.Combine(output, "report.md"), BacktestReport.Render(rows, model, seeds, hours), CancellationToken.None); // the report of what ran, even when stopped
        await File.WriteAllTextAsync(Path.Combine(output, "results.json"), JsonSerializer.Serialize(rows, new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        }), CancellationToken.None);
        Console.WriteLine(await File.ReadAllTextAsync(Path.Combine(output, "report.md"), CancellationToken.None));
        return 0;
    }
}
