using TradeSentinel.Core.Contract;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>
/// The attack stretch replayed once, undisturbed, with the shared test model: the reference every
/// fault and bad-input test compares its own run against (computed once per test run, not per test).
/// </summary>
public static class UndisturbedStretch
{
    private static readonly Lazy<Task<IReadOnlyList<FreezeRecommendation>>> Run = new(async () =>
    {
        var dir = Directory.CreateTempSubdirectory("sentinel-undisturbed-").FullName;
        try
        {
            var result = await PipelineRun.ExecuteAsync(["--Scoring:ModelPath", TrainedModel.Shared.Path], AttackStretch.WriteTo(dir));
            return result.Alerts;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    });

    public static Task<IReadOnlyList<FreezeRecommendation>> AlertsAsync() => Run.Value;
}
