using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>
/// The sentinel binary run as a terminal runs a foreground command: in a process group of its own
/// (so a signal to the group is what a Ctrl-C sends: to the command and to every child that stayed
/// in its group) with SIGINT at its default disposition (a test runner started in the background may
/// ignore it, and an ignored SIGINT is inherited). perl-base is part of every Debian system.
/// </summary>
public sealed class SentinelCommand : IDisposable
{
    public const int Sigint = 2;
    public const int Sigterm = 15;

    private readonly Process _process;
    private readonly List<string> _output = [];

    public SentinelCommand(params string[] args) : this("sentinel.dll", args)
    {
    }

    private SentinelCommand(string assembly, string[] args)
    {
        var info = new ProcessStartInfo("perl") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] command = ["-MPOSIX", "-e", "POSIX::setsid(); $SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"", "--", "dotnet",
            Path.Combine(AppContext.BaseDirectory, assembly), .. args];
        foreach (var arg in command) info.ArgumentList.Add(arg);
        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start sentinel");
        _process.OutputDataReceived += (_, e) => { lock (_output) if (e.Data is not null) _output.Add(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) if (e.Data is not null) _output.Add(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The service image's binary, <c>sentinel-service</c>, rather than the tools.</summary>
    public static SentinelCommand Service(params string[] args) => new("sentinel-service.dll", args);

    public int Pid => _process.Id;

    public StreamWriter Input => _process.StandardInput;

    public string Output
    {
        get { lock (_output) return string.Join("\n", _output); }
    }

    public int ExitCode => _process.ExitCode;

    public bool HasExited => _process.HasExited;

    /// <summary>Waits until the output contains <paramref name="text"/>; false if the process ended or time ran out first.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // its last lines may still be on their way through the pipes
                return Output.Contains(text, StringComparison.Ordinal);
            }
            if (DateTime.UtcNow > deadline) return Output.Contains(text, StringComparison.Ordinal);
            await Task.Delay(50);
        }
        return true;
    }

    public bool WaitForExit(TimeSpan within)
    {
        if (!_process.WaitForExit(within)) return false;
        _process.WaitForExit(); // the output is read to its end
        return true;
    }

    /// <summary>The signal to the command's whole process group, as a terminal sends Ctrl-C.</summary>
    public void SignalGroup(int signal) => Assert.Equal(0, Kill(-Pid, signal));

    public void Signal(int signal) => Assert.Equal(0, Kill(Pid, signal));

    /// <summary>Process ids of the command's children with this executable name (from /proc).</summary>
    public List<int> Children(string name) =>
        Directory.GetDirectories("/proc").Select(d => Path.GetFileName(d)).Where(d => d.All(char.IsAsciiDigit)).Select(int.Parse)
            .Where(pid => Stat(pid) is { } stat && stat.Parent == Pid && stat.Name == name).ToList();

    /// <summary>True while the process exists and is not a zombie.</summary>
    public static bool IsRunning(int pid) => Stat(pid) is { State: not 'Z' };

    private static (string Name, char State, int Parent)? Stat(int pid)
    {
        try
        {
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after its last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            var rest = stat[(close + 2)..].Split(' ');
            return (stat[(stat.IndexOf('(') + 1)..close], rest[0][0], int.Parse(rest[1]));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            // A failed test leaves nothing behind: the embedded redis-server has a session of its own.
            foreach (var child in Children("redis-server")) Kill(child, 9);
            Kill(-Pid, 9);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
