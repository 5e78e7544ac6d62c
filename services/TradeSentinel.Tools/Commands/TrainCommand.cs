using TradeSentinel.Scoring.Training;
using TradeSentinel.Service;
using TradeSentinel.Simulation;

namespace TradeSentinel.Tools.Commands;

/// <summary>
/// <c>sentinel train --input a.jsonl.gz[,b.jsonl.gz] [--labels a.labels.jsonl[,-]] --out model.zip [--trainer fasttree|pca] [--seed N]</c>
/// trains on files: inputs and labels pair up by position; <c>-</c> (or a missing label) means an unlabelled stream.
/// <c>sentinel train --simulate 1,2 [--hours 3] --out model.zip</c> trains on every simulated scenario at those seeds.
/// <c>sentinel train --input venue.jsonl.gz --decisions decisions.jsonl --alerts alerts.jsonl --out model.zip</c> trains on the
/// venue's own stream labelled by its analysts' decisions (<see cref="DecisionLabels"/>).
/// </summary>
public static class TrainCommand
{
    public static int Run(string[] args)
    {
        var output = CommandLine.Required(args, "--out");
        var (inputs, labels) = CommandLine.Value(args, "--simulate") is { } seeds
            ? Simulate(seeds.Split(',').Select(int.Parse), double.Parse(CommandLine.Value(args, "--hours") ?? "3"), output)
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
        var seed = int.Parse(CommandLine.Value(args, "--seed") ?? "7");
        var kind = Enum.Parse<ModelTrainer.Kind>(CommandLine.Value(args, "--trainer") ?? "fasttree", ignoreCase: true);
        var set = new TrainingSet();
        for (var i = 0; i < inputs.Length; i++)
            set.Add(inputs[i], i < labels.Length && labels[i] is { Length: > 0 } l && l != "-" ? l : null);
        var m = ModelTrainer.Train(set, kind, output, seed);
        Console.Error.WriteLine(
            $"trained {m.ModelVersion} on {m.TrainingRows:N0} fills ({m.HoldoutRows:N0} held out, {m.HoldoutPositives} of them malicious); " +
            $"flag score {m.FlagScore:F4}; held-out benign fills at or above it: {m.HoldoutShareAboveFlagScore:P4}" +
            (m.HoldoutRecall is { } r ? $", held-out malicious fills caught: {r:P1}" : "") + $"; wrote {output}");
        return 0;
    }

    private static (string[] Inputs, string[] Labels) Simulate(IEnumerable<int> seeds, double hours, string modelPath)
    {
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
            }
        return (inputs.ToArray(), labels.ToArray());
    }
}
