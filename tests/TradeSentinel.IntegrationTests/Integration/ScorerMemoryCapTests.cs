using TradeSentinel.Tests.Fixtures;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tests.Integration;

/// <summary>A scorer allowed to keep only a few hundred accounts in memory scores exactly as one that keeps them all.</summary>
[Collection(PipelineCollection.Name)]
public sealed class ScorerMemoryCapTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-memcap-").FullName;

    [Fact]
    public async Task Accounts_dropped_from_memory_come_back_from_redis_and_change_no_recommendation()
    {
        var capped = await PipelineRun.ExecuteAsync(
            ["--Scoring:ModelPath", TrainedModel.Shared.Path, "--Scoring:MaxAccountsInMemory", "300"], AttackStretch.WriteTo(_dir));
        var undisturbed = await UndisturbedStretch.AlertsAsync();
        Assert.NotEmpty(undisturbed);
        Assert.Equal(AlertRecords.Json(undisturbed), AlertRecords.Json(capped.Alerts));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
