using TradeSentinel.Scoring.Training;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>
/// A model genuinely unlike <see cref="TrainedModel"/>: unsupervised (randomized PCA) on the benign sample
/// alone, trained once per test run in seconds. On the classic attack it flags far less, so it stands for a
/// candidate that would lose recommendations.
/// </summary>
public sealed class CandidateModel
{
    private static readonly Lazy<CandidateModel> Instance = new(() => new CandidateModel());
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-candidate-").FullName;

    public static CandidateModel Shared => Instance.Value;

    public string Path { get; }

    private CandidateModel()
    {
        Path = System.IO.Path.Combine(_dir, "candidate.zip");
        var set = new TrainingSet();
        set.Add(RepoPaths.Sample("benign.trades.jsonl.gz"), null);
        ModelTrainer.Train(set, ModelTrainer.Kind.Pca, Path);
    }
}
