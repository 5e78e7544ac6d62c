using System.Text;
using Spectre.Console;

namespace TradeSentinel.Tools.Hosting;

/// <summary>
/// A progress bar on standard error for a long command's phases (train, backtest, bench), drawn
/// only when standard error is a terminal. Anywhere else (CI, tests, a pipe, a file) it writes
/// nothing: the command's output is exactly what it is without it, and tests parse it. Standard
/// output, which carries results, is never touched. While the bar is up, every line the command
/// writes to standard error is printed above it, so no line is lost or torn.
/// </summary>
public sealed class Progress
{
    private readonly ProgressContext? _context;
    private ProgressTask? _phase;

    private Progress(ProgressContext? context) => _context = context;

    /// <summary>Whether a bar is drawn: standard error is a terminal that can move its cursor.</summary>
    public static bool Interactive => !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "" or "dumb");

    /// <summary>Runs <paramref name="work"/> with a bar when <see cref="Interactive"/>; returns its result.</summary>
    public static Task<T> RunAsync<T>(Func<Progress, Task<T>> work) => RunAsync(Interactive, Console.Error, work);

    /// <summary>Runs <paramref name="work"/> with a bar when <see cref="Interactive"/>; returns its result.</summary>
    public static T Run<T>(Func<Progress, T> work) => RunAsync(Interactive, Console.Error, p => Task.FromResult(work(p))).GetAwaiter().GetResult();

    /// <summary>The decision made by the caller: with <paramref name="interactive"/> false, <paramref name="terminal"/> is never written to.</summary>
    internal static async Task<T> RunAsync<T>(bool interactive, TextWriter terminal, Func<Progress, Task<T>> work)
    {
        if (!interactive) return await work(new Progress(null));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(terminal),
            Ansi = AnsiSupport.Yes, // a terminal that is not "dumb" (Interactive)
            Interactive = InteractionSupport.Yes,
        });
        var above = new LinesAbove(console, terminal);
        var error = Console.Error;
        Console.SetError(above);
        try
        {
            return await console.Progress().AutoClear(true).HideCompleted(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .StartAsync(context => work(new Progress(context)));
        }
        finally
        {
            above.Detach();
            Console.SetError(error);
        }
    }

    /// <summary>Starts the next phase, of <paramref name="steps"/> steps (one: a bar that shows activity, not a share); the previous one is done.</summary>
    public void Phase(string description, int steps = 1)
    {
        if (_context is null) return;
        _phase?.StopTask();
        _phase = _context.AddTask(Markup.Escape(description), maxValue: Math.Max(steps, 1));
        _phase.IsIndeterminate = steps <= 1;
    }

    /// <summary>One step of the current phase is done.</summary>
    public void Step() => _phase?.Increment(1);

    /// <summary>Console.Error while the bar is up: each whole line goes through the bar's console, which redraws the bar below it.</summary>
    private sealed class LinesAbove(IAnsiConsole console, TextWriter terminal) : TextWriter
    {
        private readonly StringBuilder _line = new();
        private readonly Lock _gate = new();

        private bool _detached;

        public override Encoding Encoding => terminal.Encoding;

        public override void Write(char value)
        {
            lock (_gate)
            {
                if (_detached) { terminal.Write(value); return; }
                if (value == '\r') return;
                if (value != '\n') { _line.Append(value); return; }
                console.WriteLine(_line.ToString());
                _line.Clear();
            }
        }

        /// <summary>The bar is gone: a part line is written out, and a logger that kept this writer writes straight to the terminal.</summary>
        public void Detach()
        {
            lock (_gate)
            {
                _detached = true;
                terminal.Write(_line.ToString());
                _line.Clear();
            }
        }

        public override void Write(string? value)
        {
            foreach (var c in value ?? "") Write(c);
        }

        public override void WriteLine(string? value)
        {
            lock (_gate)
            {
                Write(value);
                Write('\n');
            }
        }
    }
}
