using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Integration;

/// <summary>The command line a user meets first: help that exits 0, and mistakes refused with a reason instead of run.</summary>
public sealed class CommandLineTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    private static (int Code, string Output) Run(SentinelCommand command)
    {
        using (command)
        {
            Assert.True(command.WaitForExit(Within), command.Output);
            return (command.ExitCode, command.Output);
        }
    }

    [Fact]
    public void Help_exits_zero_at_the_top_and_on_every_command()
    {
        var (code, output) = Run(new SentinelCommand("--help"));
        Assert.Equal(0, code);
        Assert.Contains("backtest", output);
        Assert.Contains("replay", output);

        (code, output) = Run(new SentinelCommand("replay", "--help"));
        Assert.Equal(0, code);
        Assert.Contains("--output", output);
        Assert.Contains("--input", output);

        (code, output) = Run(SentinelCommand.Service("--help"));
        Assert.Equal(0, code);
        Assert.Contains("usage: sentinel-service", output);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_naming_the_option()
    {
        var (code, output) = Run(new SentinelCommand("simulate", "--seed", "x", "--out", "/dev/null", "--labels", "/dev/null"));
        Assert.Equal(2, code);
        Assert.Contains("--seed", output);
        Assert.DoesNotContain("   at ", output); // a message, not a stack trace
    }

    [Fact]
    public void A_misspelt_flag_is_refused_not_taken_for_a_setting()
    {
        var (code, output) = Run(new SentinelCommand("replay", "--input", "x.jsonl", "--outptu", "y.jsonl"));
        Assert.Equal(2, code);
        Assert.Contains("--outptu", output);

        (code, output) = Run(SentinelCommand.Service("scorer", "--bootstrap", "127.0.0.1:9092"));
        Assert.Equal(2, code);
        Assert.Contains("unknown option --bootstrap", output);
    }

    [Fact]
    public void No_command_is_a_usage_error()
    {
        var (code, output) = Run(new SentinelCommand());
        Assert.Equal(2, code);
        Assert.Contains("--help", output);
    }

    [Fact]
    public void An_unknown_overlay_attack_is_refused_in_one_line_naming_the_known_ones()
    {
        var (code, output) = Run(new SentinelCommand("train", "--input", RepoPaths.Sample("benign.trades.jsonl.gz"),
            "--overlay-attacks", "app-leak,phishd", "--out", Path.Combine(Path.GetTempPath(), "never-written.zip")));
        Assert.Equal(2, code);
        Assert.Equal("sentinel: unknown overlay attack 'phishd'; --overlay-attacks takes app-leak, crowd9, crowd14, crowd30, phished, phished-crowd, many-beneficiaries",
            output.Trim());
    }
}
