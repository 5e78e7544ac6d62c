using TradeSentinel.Tools.Replay;
using TradeSentinel.Service;
using System.Text.Json;
using TradeSentinel.Tools.Backtest;
using TradeSentinel.Tools.Evaluation;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Core;
using TradeSentinel.Simulation;

namespace TradeSentinel.Tools.Commands;

/// <summary>
/// <c>sentinel backtest [--seeds 101,102] [--hours 3] [--out .build/backtest]</c>: every scenario at
/// several seeds through the whole pipeline, compared with the simple rule; writes report.md,
/// results.json and a chart per scenario.
/// </summary>
public static class BacktestCommand
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancel)
    {
        var seeds = (CommandLine.Value(args, "--seeds") ?? "101,102").Split(',').Select(int.Parse).ToList();
        var hours = double.Parse(CommandLine.Value(args, "--hours") ?? "3");
        var output = CommandLine.Value(args, "--out") ?? ".build/backtest";
        var only = CommandLine.Value(args, "--scenarios")?.Split(',').Select(SimulateCommand.ParseScenario).ToHashSet();
        Directory.CreateDirectory(Path.Combine(output, "data"));
        Directory.CreateDirectory(Path.Combine(output, "charts"));
        var rows = new List<BacktestRow>();
        string model = "";
        foreach (var scenario in Enum.GetValues<Scenario>().Where(s => only is null || only.Contains(s)))
            foreach (var seed in seeds)
            {
                cancel.ThrowIfCancellationRequested();
                var name = $"{SimulateCommand.Kebab(scenario)}-{seed}";
                var tradesPath = Path.Combine(output, "data", name + ".jsonl.gz");
                var labelsPath = Path.Combine(output, "data", name + ".labels.jsonl");
                Simulator.Run(new SimulationOptions { Scenario = scenario, Seed = seed, Hours = hours }, tradesPath, labelsPath);
                var run = await PipelineRun.ExecuteAsync(args, tradesPath, cancel: cancel);
                var alerts = run.Alerts.OrderBy(a => a.Ts).ThenBy(a => a.AlertId, StringComparer.Ordinal).ToList();
                await File.WriteAllLinesAsync(Path.Combine(output, "data", name + ".alerts.jsonl"),
                    alerts.Select(a => JsonSerializer.Serialize(a, SentinelJson.Default.FreezeRecommendation)));
                model = alerts.FirstOrDefault()?.ModelVersion ?? model;
                var labels = EvaluateCommand.ReadLabels(labelsPath);
                var trades = EvaluateCommand.ReadTrades(tradesPath);
                var product = Evaluator.Evaluate(alerts, labels, trades);
                var rule = Evaluator.Evaluate(SimpleRule.Alerts(tradesPath), labels, trades);
                rows.Add(new BacktestRow(SimulateCommand.Kebab(scenario), seed, run.Trades, product, rule));
                if (seed == seeds[0] && scenario != Scenario.Benign)
                    UsdChart.Save(Path.Combine(output, "charts", SimulateCommand.Kebab(scenario) + ".png"), $"{SimulateCommand.Kebab(scenario)}, seed {seed}", alerts, labels, trades);
                Console.Error.WriteLine($"{name}: prevented {product.PreventedUsdShare:P1} (rule {rule.PreventedUsdShare:P1}), victim recall {product.VictimRecall:P0}, " +
                    $"{product.BenignAccountsNamed} benign accounts named, {run.Elapsed.TotalSeconds:F0} s");
            }
        await File.WriteAllTextAsync(Path.Combine(output, "report.md"), BacktestReport.Render(rows, model, seeds, hours));
        await File.WriteAllTextAsync(Path.Combine(output, "results.json"), JsonSerializer.Serialize(rows, new JsonSerializerOptions
        {
            WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        }));
        Console.WriteLine(await File.ReadAllTextAsync(Path.Combine(output, "report.md")));
        return 0;
    }
}
