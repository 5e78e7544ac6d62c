using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TradeSentinel.AnalystConsole;
using TradeSentinel.AnalystConsole.Auth;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Service;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tools.Commands;

/// <summary>
/// <c>sentinel console [--dev] [--urls URL]</c>: the analyst console (the app itself is
/// <see cref="ConsoleApp"/>). <c>--dev</c> runs it on the embedded broker and redis-server with the
/// dev accounts, and replays the classic sample (or <c>--input F</c>) through the pipeline into them.
/// <c>sentinel console --hash-password</c> reads a password on standard input and prints its hash for an account file.
/// </summary>
public static class ConsoleCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--hash-password"))
        {
            Console.WriteLine(PasswordHash.Create(Console.In.ReadLine() ?? throw new UsageException("no password on standard input")));
            return 0;
        }
        var dev = args.Contains("--dev");
        args = args.Where(a => a != "--dev").ToArray();
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        using var infrastructure = dev ? EmbeddedInfrastructure.Start(configuration, needsRedis: true) : null;
        var overrides = new Dictionary<string, string?>(infrastructure?.Overrides ?? []);
        if (dev && configuration["Console:AccountsFile"] is null && configuration["Console:Oidc:Authority"] is null)
            overrides["Console:AccountsFile"] = ConsoleApp.DevAccountsFile;

        await using var app = ConsoleApp.Build(args, overrides);
        if (!dev) await TopicProvisioner.EnsureAsync(app.Services.GetRequiredService<KafkaClients>());
        await app.StartAsync();
        Console.WriteLine($"analyst console at {string.Join(", ", app.Urls)}" + (dev ? " (dev accounts: analyst / sentinel-analyst, viewer / sentinel-viewer)" : ""));
        if (dev)
        {
            // The pipeline gets the embedded servers' addresses and the command's options, not the console's address.
            var pipelineArgs = overrides.Where(o => o.Key.StartsWith("Kafka:", StringComparison.Ordinal) || o.Key.StartsWith("Redis:", StringComparison.Ordinal))
                .SelectMany(o => new[] { "--" + o.Key, o.Value ?? "" }).Concat(WithoutUrls(args)).ToArray();
            var input = CommandLine.Value(args, "--Ingest:Input") ?? RepositoryPaths.Default(RunCommand.DemoInput);
            var run = await PipelineRun.ExecuteAsync(pipelineArgs, input, cancel: app.Lifetime.ApplicationStopping, onAlert: a => Console.WriteLine(
                $"  ALERT {a.Severity,-8} {a.Action,-15} {a.Role ?? "",-11} {a.AccountId ?? a.AppId,-10} {a.ApiKeyId ?? "",-10} {a.Symbol} — {a.Reasons[0].Detail}"));
            Console.WriteLine($"replayed {input}: {run.Trades:N0} trades, {run.Alerts.Count} recommendations; Ctrl-C stops the console");
        }
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static IEnumerable<string> WithoutUrls(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
            if (args[i] is "--urls") i++;
            else yield return args[i];
    }
}
