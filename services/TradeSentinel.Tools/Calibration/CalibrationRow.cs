namespace TradeSentinel.Tools.Calibration;

/// <summary>
/// One statistic, simulated beside real: p50/p90/p99 of a distribution, or (for a share) one value
/// in <see cref="Sim"/>[0] and <see cref="Real"/>[0]. <see cref="Ratio"/> is sim / real per position.
/// </summary>
public sealed record CalibrationRow(string Statistic, string Unit, int SimN, int RealN, double[] Sim, double[] Real)
{
    public static readonly double[] Levels = [0.5, 0.9, 0.99];

    public double[] Ratio => [.. Sim.Zip(Real, (s, r) => r == 0 ? double.NaN : s / r)];

    public bool IsShare => Sim.Length == 1;

    public static CalibrationRow Distribution(string statistic, string unit, IReadOnlyCollection<double> sim, IReadOnlyCollection<double> real) =>
        new(statistic, unit, sim.Count, real.Count, [.. Levels.Select(q => Quantiles.Of(sim, q))], [.. Levels.Select(q => Quantiles.Of(real, q))]);

    public static CalibrationRow Share(string statistic, int simN, int realN, double sim, double real) =>
        new(statistic, "share", simN, realN, [sim], [real]);
}
