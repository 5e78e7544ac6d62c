using TradeSentinel.Service;
using TradeSentinel.Tools.Commands;

namespace TradeSentinel.Tests.Calibration;

/// <summary>`sentinel calibrate`: the report a user reads, and a clear refusal without tapes.</summary>
public sealed class CalibrateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-calibrate-").FullName;

    [Fact]
    public void Without_tapes_the_command_says_what_is_missing()
    {
        var refused = Assert.Throws<UsageException>(() => CalibrateCommand.Run(["--out", _dir]));
        Assert.Equal("missing --tapes", refused.Message);
        Assert.Throws<UsageException>(() => CalibrateCommand.Run(["--tapes", Path.Combine(_dir, "absent.jsonl.gz"), "--out", _dir]));
    }

    [Fact]
    public void A_tape_and_a_short_simulation_give_the_table_the_json_and_the_charts()
    {
        var tape = Path.Combine(_dir, "tape.jsonl");
        CalibrationTape.Write(tape);
        var output = Path.Combine(_dir, "out");

        Assert.Equal(0, CalibrateCommand.Run(["--tapes", tape, "--out", output, "--seed", "3", "--hours", "0.25"]));

        var report = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("| same price as the previous trade | share | ", report);
        Assert.Contains("| pump height (peak / trough - 1) | ratio | ", report);
        Assert.Contains("real: tape.jsonl: 410 trades, 3 symbols (2 thin), 1 pumps", report);
        Assert.Contains("\"statistic\": \"trade size, thin symbols\"", File.ReadAllText(Path.Combine(output, "results.json")));
        foreach (var chart in new[] { "size", "interarrival", "returns", "silences", "pumps", "overview" })
            Assert.True(new FileInfo(Path.Combine(output, chart + ".png")).Length > 1_000, chart);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
