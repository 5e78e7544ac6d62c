using TradeSentinel.Scoring.Training;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>A model trained once per test run, the way `make model` trains the default one.</summary>
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

[CollectionDefinition(Name)]
public sealed class PipelineCollection
{
    /// <summary>Tests that run the whole pipeline: serialised, they share the model and the two cores.</summary>
    public const string Name = "pipeline";
}
