using System.Diagnostics;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>
/// One pipeline stage as its own OS process (<c>sentinel-service scorer</c>, <c>sentinel-service alerter</c>): the image's binary, as
/// production runs it, so a test can SIGKILL it: no shutdown hook, no final flush or commit.
/// </summary>
public sealed class StageProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    public StageProcess(string stage, IReadOnlyDictionary<string, string?> settings)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sentinel-service.dll"));
        info.ArgumentList.Add(stage);
        foreach (var (key, value) in settings)
        {
            info.ArgumentList.Add($"--{key}");
            info.ArgumentList.Add(value ?? "");
        }
        _process = Process.Start(info) ?? throw new InvalidOperationException($"could not start sentinel {stage}");
        _process.OutputDataReceived += (_, e) => { lock (_output) if (e.Data is not null) _output.Add(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) if (e.Data is not null) _output.Add(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get { lock (_output) return string.Join("\n", _output); }
    }

    /// <summary>The exit code once the process ended by itself within <paramref name="within"/>, else null.</summary>
    public async Task<int?> ExitCodeAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>SIGKILL: the process dies between any two instructions.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
