using TradeSentinel.Scoring.Training;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>A model trained once per test run, the way `make model` trains the default one.</summary>
public sealed class TrainedModel : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-model-").FullName;

    public string Path { get; }

    public TrainedModel()
    {
        Path = System.IO.Path.Combine(_dir, "model.zip");
        var set = new TrainingSet();
        set.Add(RepoPaths.Sample("classic.trades.jsonl.gz"), RepoPaths.Sample("classic.labels.jsonl"));
        set.Add(RepoPaths.Sample("benign.trades.jsonl.gz"), null);
        ModelTrainer.Train(set, ModelTrainer.Kind.FastTree, Path);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<TrainedModel>
{
    /// <summary>Tests that run the whole pipeline: serialised, they share the model and the two cores.</summary>
    public const string Name = "pipeline";
}
