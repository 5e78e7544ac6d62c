using Microsoft.Extensions.Hosting;

namespace TradeSentinel.Tools.Replay;

/// <summary>
/// A host lifetime that leaves SIGINT and SIGTERM to the command (<see cref="Interrupt"/>): the
/// default console lifetime would stop the host on its own, and the command could not tell a
/// Ctrl-C from a stage that failed.
/// </summary>
public sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
