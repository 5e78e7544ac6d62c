using System.Diagnostics;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>Runs a real command-line tool (promtool, docker-compose, node, the sentinel binary) and returns its exit code and output.</summary>
public static class ExternalTool
{
    public static (int ExitCode, string Output) Run(string file, IEnumerable<string> args, string? workingDirectory = null,
        IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2))) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
