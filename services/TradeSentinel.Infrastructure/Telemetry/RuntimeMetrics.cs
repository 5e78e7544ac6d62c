using OpenTelemetry.Metrics;

namespace TradeSentinel.Infrastructure.Telemetry;

/// <summary>The .NET runtime's and the process's own metrics, beside the pipeline's.</summary>
public static class RuntimeMetrics
{
    /// <summary>
    /// Garbage collections, heap, thread pool queue and lock contention (runtime), and CPU time,
    /// memory and threads (process): what tells a stage starved of CPU or stalled in GC from one
    /// with nothing to do. Served as <c>dotnet_*</c> and <c>process_*</c> series.
    /// </summary>
    public static MeterProviderBuilder AddRuntimeAndProcessMetrics(this MeterProviderBuilder metrics) =>
        metrics.AddRuntimeInstrumentation().AddProcessInstrumentation();
}
