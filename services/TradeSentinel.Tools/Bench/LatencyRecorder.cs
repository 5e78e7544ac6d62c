using System.Diagnostics.Metrics;
using TradeSentinel.Infrastructure.Telemetry;

namespace TradeSentinel.Tools.Bench;

/// <summary>
/// Every value one of the pipeline's histograms records while it lives (the same instrument
/// Prometheus scrapes as buckets), for exact percentiles in the benchmark report.
/// </summary>
public sealed class LatencyRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<double> _values = [];

    public LatencyRecorder(string instrument)
    {
        _listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == SentinelMetrics.MeterName && i.Name == instrument) l.EnableMeasurementEvents(i);
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (_values) _values.Add(value);
        });
        _listener.Start();
    }

    public int Count
    {
        get { lock (_values) return _values.Count; }
    }

    /// <summary>The value below which <paramref name="share"/> of the recorded values fall (nearest rank).</summary>
    public double Percentile(double share)
    {
        lock (_values)
        {
            if (_values.Count == 0) return double.NaN;
            _values.Sort();
            return _values[Math.Clamp((int)Math.Ceiling(share * _values.Count) - 1, 0, _values.Count - 1)];
        }
    }

    public void Dispose() => _listener.Dispose();
}
