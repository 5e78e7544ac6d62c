using System.Text.Json.Serialization;

namespace TradeSentinel.Tools.Calibration;

/// <summary>
/// One pump found on a symbol (see <see cref="PumpDetector"/>): how fast it rose, how far above the
/// market it peaked, and how it decayed. Decay figures are NaN when the tape ends too soon to tell.
/// </summary>
public sealed record PumpShape(
    string Symbol,
    long TroughTs,
    long PeakTs,
    double RiseMinutes,
    double Rise,
    double PeakOverVwap,
    double RetracedAfterHour,
    double HalfLifeMinutes)
{
    /// <summary>Price over the trough price against minutes from the trough, for the chart only.</summary>
    [JsonIgnore]
    public IReadOnlyList<(double Minutes, double Ratio)> Path { get; init; } = [];
}
