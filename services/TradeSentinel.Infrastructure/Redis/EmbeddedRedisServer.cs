using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace TradeSentinel.Infrastructure.Redis;

/// <summary>
/// Debian's real <c>redis-server</c>, started on a free loopback port without persistence: the
/// development and test default when no Redis is configured.
/// </summary>
public sealed class EmbeddedRedisServer : IDisposable
{
    private readonly Process _process;

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    private EmbeddedRedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>
    /// Starts a server on <paramref name="port"/> (0: a free one). With <paramref name="dataDir"/> it
    /// persists every write (AOF, fsync always) there, so a restart on the same port and folder
    /// comes back with its data, as a production Redis would.
    /// </summary>
    public static EmbeddedRedisServer Start(int port = 0, string? dataDir = null)
    {
        var executable = FindExecutable()
            ?? throw new InvalidOperationException("redis-server is not installed: run 'make deps' (apt-get install -y redis-server) or set Redis:Configuration.");
        port = port == 0 ? FreePort() : port;
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] persistence = dataDir is null ? ["--appendonly", "no"] : ["--dir", dataDir, "--appendonly", "yes", "--appendfsync", "always"];
        foreach (var arg in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--protected-mode", "yes" }.Concat(persistence))
            info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start redis-server");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new EmbeddedRedisServer(process, port);
        server.WaitUntilReady();
        return server;
    }

    /// <summary>Kills the server (fault tests); <see cref="Start"/> on the same port brings it back.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void WaitUntilReady()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var connection = ConnectionMultiplexer.Connect($"{Configuration},connectTimeout=500,abortConnect=true");
                connection.GetDatabase().Ping();
                return;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static string? FindExecutable() =>
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
