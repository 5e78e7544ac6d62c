using TradeSentinel.Scoring.Training;
using TradeSentinel.Service;
using TradeSentinel.Simulation;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Training;

namespace TradeSentinel.Tools.Commands;

/// <summary>
/// <c>sentinel train --input a.jsonl.gz[,b.jsonl.gz] [--labels a.labels.jsonl[,-]] --out model.zip [--trainer fasttree|pca] [--seed N]</c>
/// trains on files: inputs and labels pair up by position; <c>-</c> (or a missing label) means an unlabelled stream.
/// <c>sentinel train --simulate 1,2 [--hours 3] --out model.zip</c> trains on every simulated scenario at those seeds.
/// <c>sentinel train --input venue.jsonl.gz --decisions decisions.jsonl --alerts alerts.jsonl --out model.zip</c> trains on the
/// venue's own stream labelled by its analysts' decisions (<see cref="DecisionLabels"/>).
/// <c>sentinel train --input history.jsonl.gz --overlay-attacks app-leak,phished [--overlay-seeds 1,2,3] --out model.zip</c> trains on
/// the venue's own unlabelled history with attacks laid over it, its flag score calibrated on the history (<see cref="HistoryTraining"/>).
/// </summary>
public static class TrainCommand
{
    public static int Run(string[] args)
    {
        var output = CommandLine.Required(args, "--out");
        var seed = int.Parse(CommandLine.Value(args, "--seed") ?? "7");
        var kind = Enum.Parse<ModelTrainer.Kind>(CommandLine.Value(args, "--trainer") ?? "fasttree", ignoreCase: true);
        var m = Progress.Run(progress =>
        {
            var set = CommandLine.Value(args, "--overlay-attacks") is { } attacks
                ? OverlaidHistory(args, attacks, output, progress) : Files(args, output, progress);
            return ModelTrainer.Train(set, kind, output, seed, phase => progress.Phase(phase));
        });
        Console.Error.WriteLine(
            $"trained {m.ModelVersion} on {m.TrainingRows:N0} fills ({m.HoldoutRows:N0} held out, {m.HoldoutPositives} of them malicious); " +
            $"flag score {m.FlagScore:F4}; {m.FlagScoreCalibratedOn} ({m.CalibrationRows:N0}) at or above it: {m.HoldoutShareAboveFlagScore:P4}" +
            (m.HoldoutRecall is { } r ? $", held-out malicious fills caught: {r:P1}" : "") + $"; wrote {output}");
        return 0;
    }

    private static TrainingSet OverlaidHistory(string[] args, string names, string output, Progress progress)
    {
        foreach (var other in new[] { "--simulate", "--labels", "--decisions" })
            if (CommandLine.Value(args, other) is not null)
                throw new UsageException($"--overlay-attacks trains on an unlabelled history (--input) and takes no {other}");
        var attacks = names.Split(',').Select(n => TapeAttack.Find(n.Trim())
            ?? throw new UsageException($"unknown overlay attack '{n.Trim()}'; --overlay-attacks takes {TapeAttack.Names}")).ToList();
        var seeds = (CommandLine.Value(args, "--overlay-seeds") ?? "1,2,3").Split(',').Select(s => int.TryParse(s, out var n)
            ? n : throw new UsageException($"--overlay-seeds: '{s}' is not a seed; e.g. --overlay-seeds 1,2,3")).ToList();
        var histories = CommandLine.Required(args, "--Ingest:Input").Split(',');
        var dir = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, "training-data");
        progress.Phase("overlaying attacks on the history, reading fills", histories.Length * attacks.Count * seeds.Count);
        return HistoryTraining.Build(histories, attacks, seeds, dir, o =>
        {
            Console.Error.WriteLine(
                $"overlaid {o.Attack} (seed {o.Seed}) on {Path.GetFileName(o.History)}: {o.Trades:N0} trades, {o.Victims} of its accounts robbed of " +
                $"${o.Usd:N0} into {o.Beneficiaries} beneficiaries, in {string.Join(", ", o.Coins)} → {Path.GetFileName(o.TradesPath)}");
            progress.Step();
        });
    }

    private static TrainingSet Files(string[] args, string output, Progress progress)
    {
        var (inputs, labels) = CommandLine.Value(args, "--simulate") is { } seeds
            ? Simulate([.. seeds.Split(',').Select(int.Parse)], double.Parse(CommandLine.Value(args, "--hours") ?? "3"), output, progress)
            : (CommandLine.Required(args, "--Ingest:Input").Split(','), (CommandLine.Value(args, "--labels") ?? "").Split(','));
        if (CommandLine.Value(args, "--decisions") is { } decisions)
        {
            if (inputs.Length != 1) throw new UsageException("--decisions labels one --input: the stream the decided recommendations came from");
            var decided = Path.ChangeExtension(Path.GetFullPath(output), ".decisions.labels.jsonl");
            var counts = DecisionLabels.Write(decisions, CommandLine.Required(args, "--alerts"), decided);
            Console.Error.WriteLine($"decisions: {counts.Confirmed} confirmed, {counts.Dismissed} dismissed, {counts.MaliciousTrades} trades labelled malicious, " +
                $"{counts.Unmatched} about recommendations not in --alerts; labels in {decided}");
            labels = [decided];
        }
        var set = new TrainingSet();
        progress.Phase("reading fills", inputs.Length);
        for (var i = 0; i < inputs.Length; i++)
        {
            set.Add(inputs[i], i < labels.Length && labels[i] is { Length: > 0 } l && l != "-" ? l : null);
            progress.Step();
        }
        return set;
    }

    private static (string[] Inputs, string[] Labels) Simulate(IReadOnlyCollection<int> seeds, double hours, string modelPath, Progress progress)
    {
        progress.Phase("simulating scenarios", seeds.Count * Enum.GetValues<Scenario>().Length);
        var dir = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, "training-data");
        Directory.CreateDirectory(dir);
        var inputs = new List<string>();
        var labels = new List<string>();
        foreach (var seed in seeds)
            foreach (var scenario in Enum.GetValues<Scenario>())
            {
                var name = Path.Combine(dir, $"{SimulateCommand.Kebab(scenario)}-{seed}");
                Simulator.Run(new SimulationOptions { Scenario = scenario, Seed = seed, Hours = hours, MissingIpShare = seed % 3 == 0 ? 1 : 0 },
                    name + ".jsonl.gz", name + ".labels.jsonl");
                inputs.Add(name + ".jsonl.gz");
                labels.Add(name + ".labels.jsonl");
                progress.Step();
            }
        return (inputs.ToArray(), labels.ToArray());
    }
}
