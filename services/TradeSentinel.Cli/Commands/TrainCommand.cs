using TradeSentinel.Scoring.Training;

namespace TradeSentinel.Cli.Commands;

/// <summary>
/// <c>sentinel train --input a.jsonl.gz[,b.jsonl.gz] [--labels a.labels.jsonl[,-]] --out model.zip [--trainer fasttree|pca] [--seed N]</c>.
/// Inputs and labels pair up by position; <c>-</c> (or a missing label) means an unlabelled, benign stream.
/// </summary>
public static class TrainCommand
{
    public static int Run(string[] args)
    {
        var inputs = CommandLine.Required(args, "--Ingest:Input").Split(',');
        var labels = (CommandLine.Value(args, "--labels") ?? "").Split(',');
        var output = CommandLine.Required(args, "--out");
        var seed = int.Parse(CommandLine.Value(args, "--seed") ?? "7");
        var kind = Enum.Parse<ModelTrainer.Kind>(CommandLine.Value(args, "--trainer") ?? "fasttree", ignoreCase: true);
        var set = new TrainingSet();
        for (var i = 0; i < inputs.Length; i++)
            set.Add(inputs[i], i < labels.Length && labels[i] is { Length: > 0 } l && l != "-" ? l : null);
        var m = ModelTrainer.Train(set, kind, output, seed);
        Console.Error.WriteLine(
            $"trained {m.ModelVersion} on {m.TrainingRows:N0} fills ({m.HoldoutRows:N0} held out, {m.HoldoutPositives} of them malicious); " +
            $"held-out benign fills at or above the flag score: {m.HoldoutShareAboveFlagScore:P3}" +
            (m.HoldoutRecall is { } r ? $", held-out malicious fills caught: {r:P1}" : "") + $"; wrote {output}");
        return 0;
    }
}
