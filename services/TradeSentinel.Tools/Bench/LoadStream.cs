using TradeSentinel.Simulation;

namespace TradeSentinel.Tools.Bench;

/// <summary>The benchmarks' load: a simulated market of every scenario at once, about <c>trades</c> trades over 20,000 accounts.</summary>
public static class LoadStream
{
    private const double Rate = 100;

    public static string Write(string output, string tradesFile, string labelsFile, int seed, int trades)
    {
        var path = Path.Combine(output, tradesFile);
        Simulator.Run(new SimulationOptions { Scenario = Scenario.Mix, Seed = seed, Rate = Rate, Hours = trades / Rate / 3600 * 1.02, Accounts = 20_000 },
            path, Path.Combine(output, labelsFile));
        return path;
    }
}
