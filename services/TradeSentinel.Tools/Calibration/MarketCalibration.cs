using TradeSentinel.Simulation;

namespace TradeSentinel.Tools.Calibration;

/// <summary>
/// The simulated benign market measured beside recorded tapes: the simulator writes its market to a
/// temporary file, which is read back exactly as a tape is, so both go through the same code.
/// </summary>
public static class MarketCalibration
{
    public sealed record Result(MarketStatistics Sim, MarketStatistics Real, List<CalibrationRow> Rows, SimulationOptions Options);

    /// <summary>
    /// <paramref name="hours"/> null: as long as the tapes' median symbol lasts (rounded up), so
    /// silences and pumps are looked for over the same span.
    /// </summary>
    public static Result Run(IReadOnlyList<string> tapes, int seed, double? hours)
    {
        var real = TapeSeries.Read(tapes);
        if (real.Sum(s => s.Count) == 0) throw new InvalidDataException($"no valid trade in {string.Join(", ", tapes)}");
        var options = new SimulationOptions
        {
            Scenario = Scenario.Benign,
            Seed = seed,
            Hours = hours ?? Math.Max(1, Math.Ceiling(Quantiles.Of([.. real.Select(s => s.SpanHours)], 0.5))),
        };
        var directory = Directory.CreateTempSubdirectory("sentinel-calibrate-");
        try
        {
            var trades = Path.Combine(directory.FullName, "sim.trades.jsonl");
            Simulator.Run(options, trades, Path.Combine(directory.FullName, "sim.labels.jsonl"));
            var sim = MarketStatistics.Measure(TapeSeries.Read([trades]));
            var measured = MarketStatistics.Measure(real);
            return new Result(sim, measured, CalibrationComparison.Rows(sim, measured), options);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
