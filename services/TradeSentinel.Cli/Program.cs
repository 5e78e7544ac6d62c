using TradeSentinel.Cli.Commands;
using TradeSentinel.Cli.Hosting;
using TradeSentinel.Scoring.Model;

var args2 = CommandLine.Expand(args.Skip(1));
// The commands that run a pipeline in this process stop it themselves on SIGINT/SIGTERM; the
// services (and `broker`) leave the signals to their host.
using var interrupt = args.FirstOrDefault() is "run" or "replay" or "evaluate" or "backtest" or "bench" or "wall" or "soak" or "growth"
    ? new Interrupt() : null;
var cancel = interrupt?.Token ?? CancellationToken.None;
try
{
    return args.FirstOrDefault() switch
    {
        "run" => await RunCommand.RunAsync(args2, cancel),
        "replay" => await ReplayCommand.RunAsync(args2, cancel),
        "evaluate" => await EvaluateCommand.RunAsync(args2, cancel),
        "train" => TrainCommand.Run(args2),
        "simulate" => SimulateCommand.Run(args2),
        "overlay" => OverlayCommand.Run(args2),
        "backtest" => await BacktestCommand.RunAsync(args2, cancel),
        "bench" => await BenchCommand.RunAsync(args2),
        "wall" => await WallCommand.RunAsync(args2),
        "soak" => await SoakCommand.RunAsync(args2),
        "growth" => await GrowthCommand.RunAsync(args2),
        "broker" => await BrokerCommand.RunAsync(args2),
        "map" => MapCommand.Run(args2),
        "ingest" or "market" or "scorer" or "alerter" or "hooks" => await ServiceCommand.RunAsync(args[0], args2),
        _ => Usage(),
    };
}
catch (Exception e) when (e is UsageException or ModelLoadException or FileNotFoundException or Confluent.Kafka.KafkaException)
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

static int Usage()
{
    Console.Error.WriteLine("""
        usage: sentinel <command> [options] [--Section:Key value ...]
          run      [--input trades.jsonl.gz]                 demo: replay a stream, show progress and alerts
          replay   --input F --output alerts.jsonl            whole pipeline over F, write every recommendation
          evaluate --alerts A --labels L --trades F | --input F --labels L   detection metrics (contract section 5)
          train    --input F --out model.zip [--seed N]      train the anomaly model on F
          simulate --scenario NAME --seed N --out F --labels L  generate a labelled market (benign, app-leak, subtle, phished,
                                                             many-beneficiaries, contra, sell-side, dormant, mix,
                                                             crowd9, crowd14, crowd30, cold-start)
          overlay  --input TAPE --out F --labels L [--seed N] [--beneficiaries 3] [--coins 3] [--wave-minutes 8-20]
                                                             a leaked app's attack laid over a recorded tape, labelled
          backtest [--seeds 101,102] [--hours 3] [--out DIR]   every scenario through the pipeline, report and charts
          bench [--trades 1000000] [--out bench]              end-to-end throughput against the broker ceiling
          soak     [--minutes 10] [--out bench]              one pipeline at full rate for that long, memory sampled
          growth   [--trades 600000] [--out bench]           throughput and memory with 10k/100k/1M accounts, 1/2/4 scorers
          wall     [--minutes 4] --out DIR                   a live simulated feed scraped by Prometheus; the dashboard as PNG
          broker                                             embedded in-memory dev Kafka broker
          ingest   --input F|- | --from-topic T [--mapping M]  ingest worker (service): a file, stdin, or a venue's topic
          map      --mapping M --input F|-                   a venue mapping tried offline: TradeEvent v1 out, refusals on stderr
          market | scorer | alerter | hooks                  one stage as a service (hooks: deliver alerts to freeze hooks)
        """);
    return 2;
}
