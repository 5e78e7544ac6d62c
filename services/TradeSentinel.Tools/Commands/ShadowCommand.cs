using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Scoring.Model;
using TradeSentinel.Service;
using TradeSentinel.Service.Hosting;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;
using TradeSentinel.Tools.Shadow;

namespace TradeSentinel.Tools.Commands;

/// <summary>
/// <c>sentinel shadow --model candidate.zip --input trades.jsonl[.gz] [--Scoring:ModelPath live.zip] [--out diff.json] [--run NAME]</c>:
/// the same recent stream through the whole pipeline with the live model and with the candidate, each
/// run isolated; the recommendations gained and lost by subject, on standard error in words, as JSON on
/// standard output (or <c>--out</c>), and on the shadow topic for the console when a cluster is configured.
/// </summary>
public static partial class ShadowCommand
{
    /// <param name="given">The command line as typed: here <c>--model</c> names the candidate, not <c>Scoring:ModelPath</c>.</param>
    public static async Task<int> RunAsync(string[] given, CancellationToken cancel)
    {
        var candidate = CommandLine.Value(given, "--model") ?? throw new UsageException("missing --model (the candidate model)");
        if (!File.Exists(candidate)) throw new UsageException($"candidate model {candidate} not found");
        _ = SentinelModel.Load(candidate); // a wrong candidate is refused before the live run spends its minutes
        var at = Array.FindIndex(given, a => a.Equals("--model", StringComparison.OrdinalIgnoreCase));
        var live = CommandLine.Expand(RepositoryPaths.WithDefaultModel([.. given[..at], .. given[(at + 2)..]]).Skip(1));
        var input = CommandLine.Required(live, "--Ingest:Input");
        if (input == "-") throw new UsageException("shadow reads --input twice (once per model): give a file, not standard input");
        var output = CommandLine.Value(live, "--out");

        // Fresh names per invocation unless given: an earlier shadow run's topics and state on the same cluster are not this one's.
        var named = CommandLine.Value(live, "--run");
        if (named is not null && !RunName().IsMatch(named)) throw new UsageException($"--run {named}: 1-16 letters, digits, dot, underscore or dash");
        var run = named ?? $"shadow-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var liveRun = await PipelineRun.ExecuteAsync(live, input, cancel: cancel, isolation: $"{run}-live");
        var candidateRun = await PipelineRun.ExecuteAsync([.. live, "--Scoring:ModelPath", candidate], input, cancel: cancel, isolation: $"{run}-candidate");
        var diff = ShadowComparison.Compare(liveRun.Alerts, candidateRun.Alerts, liveRun.ModelVersion, candidateRun.ModelVersion,
            Path.GetFileName(input), liveRun.Trades);

        Console.Error.Write(ShadowSummary.Describe(diff, liveRun.Alerts.Count, candidateRun.Alerts.Count));
        var json = JsonSerializer.Serialize(diff, SentinelJson.Default.ShadowDiff);
        if (output is null) Console.WriteLine(json);
        else await File.WriteAllTextAsync(output, json + "\n", cancel);

        var kafka = Cluster(live);
        if (kafka is null)
        {
            Console.Error.WriteLine("not published: no Kafka:BootstrapServers configured (the console reads the diff from its cluster's shadow topic)");
            return ExitCodes.Ok;
        }
        await ShadowTopic.PublishAsync(kafka, diff);
        Console.Error.WriteLine($"published to {kafka.Options.Topics.Shadow} (key {diff.CandidateModelVersion})");
        // Scratch topics this invocation made up are removed; those of a named run are the operator's (e.g. made beforehand for ACLs).
        if (named is null) await ShadowTopic.TryDeleteAsync(kafka, [.. kafka.Options.Topics.For($"{run}-live").All, .. kafka.Options.Topics.For($"{run}-candidate").All]);
        return ExitCodes.Ok;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,16}$")]
    private static partial Regex RunName();

    /// <summary>The configured cluster, read as the pipeline reads it (settings file, environment, command line); null when none is.</summary>
    private static KafkaClients? Cluster(string[] args)
    {
        var configuration = SentinelHost.CreateBuilder(args, new Dictionary<string, string?>()).Configuration;
        var options = configuration.GetSection(KafkaOptions.Section).Get<KafkaOptions>() ?? new KafkaOptions();
        return string.IsNullOrEmpty(options.BootstrapServers) ? null : new KafkaClients(Options.Create(options));
    }
}
