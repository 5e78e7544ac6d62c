using System.Text.Json.Nodes;
using TradeSentinel.Infrastructure.Telemetry;
using TradeSentinel.Tests.Fixtures;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tests.Integration;

/// <summary>
/// Records out of time (a clock glitch a day ahead, trades from later in the feed placed early)
/// are valid trades: they cost no other record, and the recommendations are those of the clean feed.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class TimeOutlierTests : IDisposable
{
    private const long Day = 86_400_000;
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-outliers-").FullName;

    [Fact]
    public async Task Records_stamped_far_ahead_or_placed_early_refuse_nothing_and_change_no_recommendation()
    {
        var clean = AttackStretch.Lines();
        var dirty = new List<string>(clean);
        // Five trades from ~13 minutes later placed early, in the attack's first minutes.
        var moved = dirty.GetRange(7_000, 5);
        dirty.RemoveRange(7_000, 5);
        dirty.InsertRange(1_500, moved);
        // Six glitches a day ahead (ordinary web trades between accounts of their own), spread over the stream.
        for (var i = 0; i < 6; i++)
        {
            var glitch = JsonNode.Parse(clean[600 + i])!.AsObject();
            glitch["trade_id"] = $"GLITCH{i}";
            glitch["ts"] = glitch["ts"]!.GetValue<long>() + Day;
            glitch["buyer"] = new JsonObject { ["account_id"] = $"G{i}b", ["channel"] = "web" };
            glitch["seller"] = new JsonObject { ["account_id"] = $"G{i}s", ["channel"] = "web" };
            dirty.Insert(1_000 + i * 1_000, glitch.ToJsonString());
        }
        var path = Path.Combine(_dir, "out-of-time.jsonl");
        File.WriteAllLines(path, dirty);
        using var letters = new CounterRecorder("sentinel.dead_letters", label: "reason");

        var cleanAlerts = await UndisturbedStretch.AlertsAsync();
        var run = await PipelineRun.ExecuteAsync(["--Scoring:ModelPath", TrainedModel.Shared.Path], path);

        Assert.Equal(0, run.Refused);
        Assert.Equal(dirty.Count, run.Trades);
        Assert.Equal(0, letters.Total);
        Assert.NotEmpty(cleanAlerts);
        Assert.Equal(AlertRecords.Json(cleanAlerts), AlertRecords.Json(run.Alerts));
    }

    [Fact]
    public async Task A_feed_that_is_really_out_of_order_loses_only_the_late_records_each_dead_lettered()
    {
        var lines = AttackStretch.Lines();
        // Ten trades from the stream's first minute appear again (new ids) 20 minutes later: late beyond any lateness.
        var late = lines.Take(10).Select((l, i) =>
        {
            var trade = JsonNode.Parse(l)!.AsObject();
            trade["trade_id"] = $"LATE{i}";
            return trade.ToJsonString();
        });
        var feed = lines.Take(6_000).Concat(late).Concat(lines.Skip(6_000)).ToList();
        var path = Path.Combine(_dir, "late.jsonl");
        File.WriteAllLines(path, feed);
        using var letters = new CounterRecorder("sentinel.dead_letters", label: "reason");

        var run = await PipelineRun.ExecuteAsync(["--Scoring:ModelPath", TrainedModel.Shared.Path], path);

        Assert.Equal(10, run.Refused);
        Assert.Equal(10, letters.Of("late_event"));
        Assert.Equal(lines.Count, run.Trades);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
