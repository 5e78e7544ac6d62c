using System.Diagnostics;
using TradeSentinel.Service;
using TradeSentinel.Simulation;

namespace TradeSentinel.Tools.Commands;

/// <summary>
/// <c>sentinel simulate --scenario NAME --seed N [--hours H] [--rate X] [--accounts N] [--missing-ip SHARE] --out trades.jsonl.gz --labels labels.jsonl</c>.
/// </summary>
public static class SimulateCommand
{
    public static int Run(string[] args)
    {
        var options = new SimulationOptions
        {
            Scenario = ParseScenario(CommandLine.Value(args, "--scenario") ?? "app-leak"),
            Seed = int.Parse(CommandLine.Value(args, "--seed") ?? "1"),
            Hours = double.Parse(CommandLine.Value(args, "--hours") ?? "3"),
            Rate = double.Parse(CommandLine.Value(args, "--rate") ?? "10"),
            Accounts = int.Parse(CommandLine.Value(args, "--accounts") ?? "6000"),
            MissingIpShare = double.Parse(CommandLine.Value(args, "--missing-ip") ?? "0"),
        };
        var output = CommandLine.Required(args, "--out");
        var labels = CommandLine.Required(args, "--labels");
        var clock = Stopwatch.StartNew();
        var (trades, malicious) = Simulator.Run(options, output, labels);
        Console.Error.WriteLine($"simulated {options.Scenario} seed {options.Seed}: {trades:N0} trades ({malicious:N0} malicious) in {clock.Elapsed.TotalSeconds:F1} s → {output}, {labels}");
        return 0;
    }

    /// <summary>Scenario names as the command line spells them: <c>app-leak</c>, <c>many-beneficiaries</c>, …</summary>
    public static Scenario ParseScenario(string name) =>
        Enum.TryParse<Scenario>(name.Replace("-", "").Replace("_", ""), ignoreCase: true, out var scenario)
            ? scenario
            : throw new UsageException($"unknown scenario '{name}'; one of: {string.Join(", ", Enum.GetNames<Scenario>().Select(Kebab))}");

    public static string Kebab(string name) => string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public static string Kebab(Scenario scenario) => Kebab(scenario.ToString());
}
