using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using TradeSentinel.Infrastructure.Telemetry;

namespace TradeSentinel.Tests.Infrastructure;

/// <summary>Two hosts in one process (tests side by side, a tool beside the stages) each export only their own counts.</summary>
public sealed class HostMetersTests
{
    [Fact]
    public void A_hosts_exporter_counts_its_own_recommendations_and_no_one_elses()
    {
        using var first = Host(out var firstExport);
        using var second = Host(out var secondExport);
        using var outsider = new SentinelMetrics(); // no host: a bench's or a test's own instruments

        first.GetRequiredService<SentinelMetrics>().Alerts.Add(3);
        second.GetRequiredService<SentinelMetrics>().Alerts.Add(5);
        outsider.Alerts.Add(7);

        Assert.Equal(3, firstExport.Sum("sentinel.alerts"));
        Assert.Equal(5, secondExport.Sum("sentinel.alerts"));
    }

    private static ServiceProvider Host(out CollectedMetrics export)
    {
        var collected = export = new CollectedMetrics();
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddSingleton<SentinelMetrics>();
        services.AddOpenTelemetry().WithMetrics(m => m.AddHostMeter(SentinelMetrics.MeterName).AddReader(collected.Reader));
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<MeterProvider>();
        return provider;
    }

    private sealed class CollectedMetrics : BaseExporter<Metric>
    {
        private readonly Dictionary<string, long> _sums = [];

        public CollectedMetrics() => Reader = new BaseExportingMetricReader(this);

        public MetricReader Reader { get; }

        public long Sum(string instrument)
        {
            _sums.Clear();
            Reader.Collect();
            return _sums.GetValueOrDefault(instrument);
        }

        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch)
                foreach (ref readonly var point in metric.GetMetricPoints())
                    if (metric.MetricType == MetricType.LongSum)
                        _sums[metric.Name] = _sums.GetValueOrDefault(metric.Name) + point.GetSumLong();
            return ExportResult.Success;
        }
    }
}
