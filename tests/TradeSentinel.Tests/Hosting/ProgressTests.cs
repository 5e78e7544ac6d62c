using TradeSentinel.Tools.Hosting;

namespace TradeSentinel.Tests.Hosting;

/// <summary>
/// The progress bar of train, backtest and bench: CI, tests and pipes parse those commands' standard
/// error, so away from a terminal it must add nothing and leave standard error as it is.
/// </summary>
public sealed class ProgressTests
{
    [Fact]
    public async Task Away_from_a_terminal_nothing_is_drawn_and_the_work_runs_and_returns_its_result()
    {
        using var terminal = new StringWriter();
        var stderr = Console.Error;
        var steps = 0;
        TextWriter? seenByWork = null;

        var result = await Progress.RunAsync(interactive: false, terminal, async progress =>
        {
            progress.Phase("replaying", steps: 3);
            for (var i = 0; i < 3; i++, steps++) progress.Step();
            progress.Phase("scoring");
            seenByWork = Console.Error;
            await Task.Yield();
            return 42;
        });

        Assert.Equal(42, result);
        Assert.Equal(3, steps);
        Assert.Equal("", terminal.ToString());
        Assert.Same(stderr, seenByWork); // the command's own lines go to standard error untouched
    }

    [Fact]
    public async Task At_a_terminal_the_bar_is_drawn_and_the_commands_lines_still_reach_it()
    {
        using var terminal = new StringWriter();

        var result = await Progress.RunAsync(interactive: true, terminal, async progress =>
        {
            progress.Phase("replaying 2 streams", steps: 2);
            progress.Step();
            await Console.Error.WriteLineAsync("classic-101: prevented 97.0%");
            await Task.Delay(TimeSpan.FromSeconds(1)); // the bar is redrawn ten times a second
            progress.Step();
            return "done";
        });

        Assert.Equal("done", result);
        Assert.Contains("classic-101: prevented 97.0%", terminal.ToString(), StringComparison.Ordinal);
        Assert.Contains("replaying 2 streams", terminal.ToString(), StringComparison.Ordinal);
    }
}
