using System.Diagnostics;
using System.Text;
using StackExchange.Redis;
using TradeSentinel.Infrastructure.Redis;

namespace TradeSentinel.DevInfrastructure;

/// <summary>
/// Debian's real <c>redis-server</c>, started on a free loopback port without persistence: the
/// development and test default when no Redis is configured.
/// </summary>
public sealed class EmbeddedRedisServer : IDisposable
{
    private readonly Process _process;

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    private readonly string? _password;

    private EmbeddedRedisServer(Process process, int port, string? password)
    {
        _process = process;
        Port = port;
        _password = password;
    }

    /// <summary>
    /// Starts a server on <paramref name="port"/> (0: a free one). With <paramref name="dataDir"/> it
    /// persists every write (AOF, fsync always) there, so a restart on the same port and folder
    /// comes back with its data, as a production Redis would. With <paramref name="password"/> it
    /// requires AUTH. With <paramref name="clusterDir"/> it starts as a Redis Cluster node keeping
    /// its node table there (tests join several into a cluster with <c>redis-cli --cluster create</c>).
    /// The configuration goes in on standard input, so no secret shows in the process list.
    /// </summary>
    public static EmbeddedRedisServer Start(int port = 0, string? dataDir = null, string? password = null, string? clusterDir = null)
    {
        var executable = FindExecutable()
            ?? throw new InvalidOperationException("redis-server is not installed: run 'make deps' (apt-get install -y redis-server) or set Redis:Configuration.");
        port = port == 0 ? LoopbackPort.Free() : port;
        // In a session of its own, out of the terminal's process group: a Ctrl-C goes to the command,
        // which stops its pipeline first and this server last, instead of to both at once (the
        // pipeline would then retry a Redis that is gone). setsid execs redis-server in place, so the
        // process started is the server itself.
        var info = new ProcessStartInfo(File.Exists(Setsid) ? Setsid : executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (File.Exists(Setsid)) info.ArgumentList.Add(executable);
        info.ArgumentList.Add("-");
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start redis-server");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Write(Config(port, dataDir, password, clusterDir));
        process.StandardInput.Close();
        var server = new EmbeddedRedisServer(process, port, password);
        // Outside the terminal's signals it would outlive an exit that skips Dispose (a second Ctrl-C).
        AppDomain.CurrentDomain.ProcessExit += server.KillOnExit;
        server.WaitUntilReady();
        return server;
    }

    private static string Config(int port, string? dataDir, string? password, string? clusterDir)
    {
        var config = new StringBuilder()
            .AppendLine($"port {port}")
            .AppendLine("bind 127.0.0.1")
            .AppendLine("protected-mode yes")
            .AppendLine("save \"\"");
        if (dataDir is null) config.AppendLine("appendonly no");
        else config.AppendLine($"dir \"{dataDir}\"").AppendLine("appendonly yes").AppendLine("appendfsync always");
        if (clusterDir is not null)
            config.AppendLine($"dir \"{clusterDir}\"").AppendLine("cluster-enabled yes").AppendLine($"cluster-config-file nodes-{port}.conf");
        if (password is not null) config.AppendLine($"requirepass \"{password.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"");
        return config.ToString();
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

    /// <summary>The server's process id (tests check it is gone after the command that started it).</summary>
    public int ProcessId => _process.Id;

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        Kill();
        _process.Dispose();
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void WaitUntilReady()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                var options = ConfigurationOptions.Parse($"{Configuration},connectTimeout=500,abortConnect=true");
                options.Password = _password;
                using var connection = ConnectionMultiplexer.Connect(options);
                connection.GetDatabase().Ping();
                return;
            }
            catch (Exception e) when (RedisRetry.IsTransient(e))
            {
                if (DateTime.UtcNow >= deadline || _process.HasExited) throw;
                Thread.Sleep(100);
            }
        }
    }

    private const string Setsid = "/usr/bin/setsid";

    private static readonly string[] ExecutablePaths = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];

    private static string? FindExecutable() => ExecutablePaths.FirstOrDefault(File.Exists);
}
