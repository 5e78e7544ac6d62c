using System.Runtime.InteropServices;
using TradeSentinel.DevInfrastructure;

namespace TradeSentinel.Tools.Hosting;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM for a command that runs a pipeline in this process: the first one
/// cancels <see cref="Token"/>, and the command stops its stages, then the embedded broker and
/// redis-server, and exits with 128 + the signal's number. A second one ends the process at once
/// (the embedded redis-server is still stopped, see <c>EmbeddedRedisServer</c>).
/// </summary>
public sealed class Interrupt : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signal;

    public Interrupt()
    {
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    public CancellationToken Token => _cancel.Token;

    /// <summary>The exit code for the signal received (130 for SIGINT, 143 for SIGTERM), or null.</summary>
    public int? ExitCode => _signal switch { 0 => null, var n => 128 + n };

    private void Handle(PosixSignalContext context)
    {
        var number = context.Signal == PosixSignal.SIGINT ? 2 : 15;
        context.Cancel = true;
        if (Interlocked.CompareExchange(ref _signal, number, 0) != 0)
        {
            // The second signal: end now. Environment.Exit still runs the ProcessExit handlers, which stop the embedded redis-server.
            Environment.Exit(128 + number);
        }
        Console.Error.WriteLine($"sentinel: {context.Signal} received, stopping (again to end at once)");
        _cancel.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _cancel.Dispose();
    }
}
