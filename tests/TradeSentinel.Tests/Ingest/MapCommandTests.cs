using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Ingest;

/// <summary><c>sentinel map</c>: an operator tries a mapping on the venue's records before any broker is involved.</summary>
public sealed class MapCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-map-").FullName;

    [Fact]
    public void A_sample_the_mapping_reads_comes_out_as_trade_events_and_exits_0()
    {
        using var map = new SentinelCommand("map", "--mapping", RepoPaths.Mapping("venue-b.json"), "--input", RepoPaths.Venue("venue-b.trades.jsonl"));
        Assert.True(map.WaitForExit(TimeSpan.FromSeconds(60)));

        Assert.Equal(0, map.ExitCode);
        Assert.Equal(5, map.Output.Split('\n').Count(l => l.StartsWith("{\"trade_id\":", StringComparison.Ordinal)));
        Assert.Contains("mapped 5, refused 0", map.Output);
    }

    [Fact]
    public void A_record_the_mapping_cannot_read_is_named_by_line_and_reason_and_the_command_exits_1()
    {
        var input = Path.Combine(_dir, "venue-a.jsonl");
        File.WriteAllLines(input, [.. File.ReadAllLines(RepoPaths.Venue("venue-a.trades.jsonl")), """{"id":"Z","side":"Q"}"""]);
        using var map = new SentinelCommand("map", "--mapping", RepoPaths.Mapping("venue-a.json"), "--input", input);
        Assert.True(map.WaitForExit(TimeSpan.FromSeconds(60)));

        Assert.Equal(1, map.ExitCode);
        Assert.Contains("line 6: unmappable: taker_side 'Q' (at side) is none of the mapping's values (B, S)", map.Output);
        Assert.Contains("mapped 5, refused 1", map.Output);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
