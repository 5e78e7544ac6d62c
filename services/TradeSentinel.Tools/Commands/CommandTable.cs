using System.CommandLine;
using TradeSentinel.Service;
using TradeSentinel.Simulation;

namespace TradeSentinel.Tools.Commands;

/// <summary>
/// Every command of <c>sentinel</c> and its flags, declared for System.CommandLine: <c>--help</c> on each,
/// typed values (<c>--seed x</c> is refused with the reason), misspelt flags refused. Settings
/// (<c>--Section:Key value</c>) pass through to configuration unchecked by this table; the host
/// validates them at start. The commands read their flags from the same command line once it passed.
/// </summary>
public static class CommandTable
{
    public static RootCommand Root { get; } = Build();

    /// <summary>Null when the command line may run; otherwise the exit code, after printing help (0) or the errors (2).</summary>
    public static int? Check(string[] args)
    {
        var (flags, _) = CommandLine.SplitSettings(args);
        var result = Root.Parse(flags);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors) Console.Error.WriteLine($"sentinel: {error.Message}");
            var command = result.CommandResult.Command == Root ? "" : $" {result.CommandResult.Command.Name}";
            Console.Error.WriteLine($"see `sentinel{command} --help`");
            return ExitCodes.Usage;
        }
        // --help (or a bare group) has an action of its own; a command runs through Program's table.
        return result.Action is null ? null : result.Invoke();
    }

    private static RootCommand Build()
    {
        var root = new RootCommand("TradeSentinel: the dev and analysis tools, and each service with --dev. " +
            "Any configuration setting may follow as --Section:Key value (README, Configuration).");
        foreach (var alias in new[] { ("--input", "trades to read: JSON Lines, plain or .gz, or - for standard input"),
                     ("--model", "the scoring model (Scoring:ModelPath)"), ("--bootstrap-servers", "Kafka cluster (Kafka:BootstrapServers); embedded when unset"),
                     ("--redis", "Redis (Redis:Configuration); a local redis-server when unset"), ("--urls", "where to serve /metrics, /healthz and /readyz") })
            root.Options.Add(new Option<string>(alias.Item1) { Description = alias.Item2, Recursive = true });

        root.Subcommands.Add(Command("run", "the demo: replay a stream through the whole pipeline, progress and alerts as they come"));
        root.Subcommands.Add(Command("replay", "the whole pipeline over --input; every recommendation written to --output",
            Text("--output", "where to write the recommendations (JSON Lines)")));
        root.Subcommands.Add(Command("evaluate", "detection metrics of contract section 5: of --alerts against --labels (and --trades), or of a replay of --input",
            Text("--alerts", "recommendations to evaluate"), Text("--labels", "the labels file"), Text("--trades", "the trades the alerts came from")));
        root.Subcommands.Add(Command("shadow", "the candidate --model beside the live model (Scoring:ModelPath) on --input: recommendations gained and lost",
            Text("--out", "where to write the diff (JSON); standard output when unset"),
            Text("--run", "names the two runs' topics, consumer groups and Redis keys (NAME-live, NAME-candidate); default a fresh random name")));
        root.Subcommands.Add(Command("train", "train the anomaly model on simulated scenarios (--simulate) or files (--input, --labels)",
            Text("--simulate", "seeds of the simulated scenarios, e.g. 1,2,3"), Text("--labels", "labels per input file, comma separated (- for none)"),
            Text("--out", "the model file to write"), Number<int>("--seed", "random seed"), Number<double>("--hours", "hours simulated per scenario"),
            Text("--trainer", "fasttree (default) or pca"),
            Text("--decisions", "analysts' decisions (a dump of sentinel.decisions) as the labels of --input"),
            Text("--alerts", "with --decisions: the recommendations they decide (a dump of sentinel.alerts)"),
            Text("--overlay-attacks", "attacks to lay over the unlabelled history --input, comma separated: " + TapeAttack.Names),
            Text("--overlay-seeds", "with --overlay-attacks: the seeds each attack is laid at, e.g. 1,2,3 (the default)")));
        root.Subcommands.Add(Command("simulate", "generate a labelled market",
            Text("--scenario", "benign, app-leak, subtle, phished, many-beneficiaries, contra, sell-side, dormant, mix, crowd9, crowd14, crowd30, cold-start, aged-beneficiary"),
            Number<int>("--seed", "random seed"), Number<double>("--hours", "hours of market"), Number<double>("--rate", "trades per second"),
            Number<double>("--missing-ip", "share of trades without a client IP"), Number<int>("--accounts", "accounts in the population"),
            Text("--out", "trades file to write"), Text("--labels", "labels file to write")));
        root.Subcommands.Add(Command("overlay", "an attack laid over a recorded tape (--input), labelled: a leaked app's, or --attack NAME",
            Text("--out", "trades file to write"), Text("--labels", "labels file to write"), Number<int>("--seed", "random seed"),
            Text("--attack", "a named attack instead of the leaked app shaped by the flags below: " + TapeAttack.Names),
            Number<int>("--beneficiaries", "attacker accounts"), Number<int>("--coins", "coins attacked"), Text("--wave-minutes", "length of each attack wave, e.g. 8-20")));
        root.Subcommands.Add(Command("backtest", "every scenario through the pipeline against the simple rule; report and charts",
            Text("--seeds", "seeds, e.g. 101,102"), Number<double>("--hours", "hours per stream"), Text("--out", "report directory"),
            Text("--scenarios", "only these scenarios, comma separated"),
            Text("--tapes", "recorded tapes, comma separated: each replayed alone and with attacks laid over it")));
        root.Subcommands.Add(Command("calibrate", "the simulated benign market beside recorded tapes: sizes, inter-arrival, price jumps, silences, pumps; report and charts",
            Text("--tapes", "recorded tapes, comma separated (TradeEvent v1, plain or .gz)"), Text("--out", "report directory"),
            Number<int>("--seed", "random seed of the simulated market"), Number<double>("--hours", "hours simulated (default: the tapes' median symbol span)")));
        root.Subcommands.Add(Command("bench", "end-to-end throughput against the raw broker ceiling",
            Number<int>("--trades", "trades in the stream"), Text("--out", "report directory"), Number<int>("--live-rate", "trades per second of the live phase"),
            Number<int>("--live-seconds", "length of the live phase")));
        root.Subcommands.Add(Command("soak", "one pipeline at full rate for --minutes, memory sampled",
            Number<double>("--minutes", "length of the soak"), Text("--out", "report directory")));
        root.Subcommands.Add(Command("growth", "throughput and memory with 10k/100k/1M accounts and 1/2/4 scorers",
            Number<int>("--trades", "trades per run"), Text("--out", "report directory")));
        root.Subcommands.Add(Command("wall", "a live simulated feed scraped by Prometheus; the dashboard rendered as PNG",
            Number<double>("--minutes", "length of the feed"), Text("--out", "directory of the PNGs"), Number<double>("--rate", "trades per second"),
            Text("--scenario", "simulated scenario"), Number<int>("--seed", "random seed"), Text("--dashboard", "Grafana dashboard JSON"),
            Text("--rules", "Prometheus rules file")));
        root.Subcommands.Add(Command("feed", "a simulated market played live on standard output until stopped (pipe it into ingest --input -)",
            Text("--scenario", "simulated scenario"), Number<double>("--rate", "trades per second"),
            Number<double>("--segment-minutes", "minutes simulated at a time"), Number<int>("--seed", "random seed of the first segment")));
        root.Subcommands.Add(Command("console", "the analyst console: queue, incidents, decisions, suppressions (README, Analyst console)",
            new Option<bool>("--dev") { Description = "embedded broker and redis-server, the dev accounts, the demo stream replayed into them" },
            new Option<bool>("--hash-password") { Description = "read a password on standard input and print its hash for an account file" }));
        root.Subcommands.Add(Command("broker", "the embedded in-memory dev Kafka broker alone (prints its bootstrap address)",
            Number<int>("--partitions", "partitions per topic")));
        root.Subcommands.Add(Command("map", "a venue mapping tried offline on --input: TradeEvent v1 on standard output, refusals on standard error",
            Text("--mapping", "the venue mapping file (deploy/mappings)")));
        foreach (var service in ServiceCommand.Names)
        {
            var command = Command(service, service == "ingest" ? "an ingest worker reading --input (file, gzip or -) or a venue's topic" : $"the {service} stage as a service",
                new Option<bool>("--dev") { Description = "start an embedded broker and redis-server for what is not configured" });
            if (service == "ingest")
            {
                command.Options.Add(Text("--from-topic", "consume this venue topic in a consumer group instead of --input"));
                command.Options.Add(Text("--mapping", "the venue's record format (deploy/mappings), for --from-topic"));
            }
            root.Subcommands.Add(command);
        }
        return root;
    }

    private static Command Command(string name, string description, params Option[] options)
    {
        var command = new Command(name, description);
        foreach (var option in options) command.Options.Add(option);
        return command;
    }

    private static Option<string> Text(string name, string description) => new(name) { Description = description };

    private static Option<T> Number<T>(string name, string description) => new(name) { Description = description };
}
