using TradeSentinel.DevInfrastructure;
using TradeSentinel.Scoring.Model;
using TradeSentinel.Service;
using TradeSentinel.Tools.Commands;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

if (CommandTable.Check(args) is { } refusedOrHelped) return refusedOrHelped;
var given = args; // shadow reads --model as its candidate, not as the scoring model
args = RepositoryPaths.WithDefaultModel(args);
var args2 = CommandLine.Expand(args.Skip(1));
// The commands that run a pipeline in this process stop it themselves on SIGINT/SIGTERM; the
// services (and `broker`) leave the signals to their host.
using var interrupt = args.FirstOrDefault() is "run" or "replay" or "evaluate" or "shadow" or "backtest" or "bench" or "wall" or "soak" or "growth" or "feed"
    ? new Interrupt() : null;
var cancel = interrupt?.Token ?? CancellationToken.None;
try
{
    return args.FirstOrDefault() switch
    {
        "run" => await RunCommand.RunAsync(args2, cancel),
        "replay" => await ReplayCommand.RunAsync(args2, cancel),
        "evaluate" => await EvaluateCommand.RunAsync(args2, cancel),
        "shadow" => await ShadowCommand.RunAsync(given, cancel),
        "train" => TrainCommand.Run(args2),
        "simulate" => SimulateCommand.Run(args2),
        "overlay" => OverlayCommand.Run(args2),
        "calibrate" => CalibrateCommand.Run(args2),
        "backtest" => await BacktestCommand.RunAsync(args2, cancel),
        "bench" => await BenchCommand.RunAsync(args2),
        "wall" => await WallCommand.RunAsync(args2),
        "soak" => await SoakCommand.RunAsync(args2),
        "growth" => await GrowthCommand.RunAsync(args2),
        "broker" => await BrokerCommand.RunAsync(args2),
        "feed" => await FeedCommand.RunAsync(args2, cancel),
        "console" => await ConsoleCommand.RunAsync(args2),
        "map" => MapCommand.Run(args2),
        "ingest" or "market" or "scorer" or "alerter" or "hooks" => await ServiceCommand.RunAsync(
            [.. args.Where(a => !a.Equals("--dev", StringComparison.OrdinalIgnoreCase))],
            args.Contains("--dev", StringComparer.OrdinalIgnoreCase) ? EmbeddedInfrastructure.StartFor : null),
        _ => throw new UsageException($"unknown command {args.FirstOrDefault()}"), // CommandTable refused it already
    };
}
catch (Exception e) when (e is UsageException or InvalidDataException or Microsoft.Extensions.Options.OptionsValidationException or ModelLoadException or FileNotFoundException or Confluent.Kafka.KafkaException)
{
    Console.Error.WriteLine($"sentinel: {e.Message}");
    return 2;
}
// (bench, wall, soak and growth leave the signal to their pipeline's host, whose stop then fails the run.)
catch (Exception e) when (e is OperationCanceledException or PipelineFailedException && interrupt?.ExitCode is { } signalled)
{
    Console.Error.WriteLine("sentinel: stopped");
    return signalled;
}
catch (PipelineFailedException e)
{
    Console.Error.WriteLine($"sentinel: {e.Message}{(e.InnerException is { } cause ? $" ({cause.GetType().Name}: {cause.Message})" : "")}");
    return 1;
}
