using TradeSentinel.Scoring.Training;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>
/// A model trained once per test run on the contract samples: seconds to train, and it lets the
/// pipeline tests assert exact outcomes on the classic sample. Detection quality is measured out of
/// sample by `make backtest` and `make evaluate` with the default model, not here.
/// </summary>
public sealed class TrainedModel
{
    private static readonly Lazy<TrainedModel> Instance = new(() => new TrainedModel());
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-model-").FullName;

    public static TrainedModel Shared => Instance.Value;

    public string Path { get; }

    private TrainedModel()
    {
        Path = System.IO.Path.Combine(_dir, "model.zip");
        var set = new TrainingSet();
        set.Add(RepoPaths.Sample("classic.trades.jsonl.gz"), RepoPaths.Sample("classic.labels.jsonl"));
        set.Add(RepoPaths.Sample("benign.trades.jsonl.gz"), null);
        ModelTrainer.Train(set, ModelTrainer.Kind.FastTree, Path);
    }
}
