using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace TradeSentinel.Infrastructure.Telemetry;

/// <summary>
/// Exports a meter only as this host created it. OpenTelemetry listens to meters by name, process-wide:
/// two hosts in one process (tests side by side, a tool hosting the console beside the stages) would
/// otherwise each count the other's measurements. A meter made by the host's <see cref="IMeterFactory"/>
/// carries that factory as its scope; any other meter of the name is dropped.
/// </summary>
public static class HostMeters
{
    public static MeterProviderBuilder AddHostMeter(this MeterProviderBuilder metrics, string meterName)
    {
        metrics.AddMeter(meterName);
        return ((IDeferredMeterProviderBuilder)metrics).Configure((services, builder) =>
        {
            var factory = services.GetRequiredService<IMeterFactory>();
            builder.AddView(instrument => instrument.Meter.Name == meterName && !ReferenceEquals(instrument.Meter.Scope, factory)
                ? MetricStreamConfiguration.Drop
                : null);
        });
    }
}
