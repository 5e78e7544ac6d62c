using System.Diagnostics.Metrics;

namespace TradeSentinel.Infrastructure.Telemetry;

/// <summary>Sums what one of the pipeline's counters records while it lives, in total and by one label (benchmarks, tests).</summary>
public sealed class CounterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _byLabel = [];
    private long _total;

    public CounterRecorder(string instrument, string label = "")
    {
        _listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == SentinelMetrics.MeterName && i.Name == instrument) l.EnableMeasurementEvents(i);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            Interlocked.Add(ref _total, value);
            foreach (var tag in tags)
                if (tag.Key == label)
                    lock (_byLabel) _byLabel[(string)tag.Value!] = _byLabel.GetValueOrDefault((string)tag.Value!) + value;
        });
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    public long Of(string labelValue)
    {
        lock (_byLabel) return _byLabel.GetValueOrDefault(labelValue);
    }

    public void Dispose() => _listener.Dispose();
}
