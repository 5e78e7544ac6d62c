using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TradeSentinel.Infrastructure.Telemetry;
using TradeSentinel.Scoring;
using TradeSentinel.Scoring.Model;
using TradeSentinel.Scoring.Training;

namespace TradeSentinel.Tests.Scoring;

public sealed class ModelProviderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-models-").FullName;

    private string ModelPath => Path.Combine(_dir, "model.zip");

    // A small labelled set: positives pay a large premium, negatives do not.
    private static TrainingSet Set(int seed)
    {
        var random = new Random(seed);
        var set = new TrainingSet();
        for (var i = 0; i < 2000; i++)
        {
            var row = new FeatureRow { Label = i % 20 == 5 };
            for (var f = 0; f < FeatureRow.Size; f++) row.Features[f] = (float)random.NextDouble();
            if (row.Label) row.Features[0] += 5;
            (i % 10 == 0 ? set.Holdout : set.Train).Add(row);
        }
        return set;
    }

    private ModelProvider Provider() =>
        new(Options.Create(new ScoringOptions { ModelPath = ModelPath, ModelCheckSeconds = 0 }), NullLogger<ModelProvider>.Instance, new SentinelMetrics());

    [Fact]
    public void A_missing_model_fails_with_what_to_do()
    {
        var error = Assert.Throws<ModelLoadException>(() => Provider().Current);
        Assert.Contains("sentinel train", error.Message);
    }

    [Fact]
    public void A_new_model_file_is_picked_up_without_a_restart()
    {
        var first = ModelTrainer.Train(Set(1), ModelTrainer.Kind.FastTree, ModelPath);
        var provider = Provider();
        Assert.Equal(first.ModelVersion, provider.Current.Version);
        Thread.Sleep(20); // a distinct write time
        var second = ModelTrainer.Train(Set(2), ModelTrainer.Kind.FastTree, ModelPath);
        Assert.NotEqual(first.ModelVersion, second.ModelVersion);
        Assert.Equal(second.ModelVersion, provider.Current.Version);
    }

    [Fact]
    public void A_model_of_another_feature_schema_is_refused_and_the_current_one_keeps_scoring()
    {
        var trained = ModelTrainer.Train(Set(1), ModelTrainer.Kind.FastTree, ModelPath);
        var provider = Provider();
        Assert.Equal(trained.ModelVersion, provider.Current.Version);
        Thread.Sleep(20);
        var stale = ModelFiles.ReadMetadata(ModelPath);
        stale.FeatureSchemaVersion = 1;
        ModelFiles.WriteMetadata(ModelPath, stale);
        Assert.Equal(trained.ModelVersion, provider.Current.Version);
        var error = Assert.Throws<ModelLoadException>(() => SentinelModel.Load(ModelPath));
        Assert.Contains("feature schema v1", error.Message);
    }

    [Fact]
    public void Model_files_caught_half_written_are_refused_and_the_current_model_keeps_scoring()
    {
        var trained = ModelTrainer.Train(Set(1), ModelTrainer.Kind.FastTree, ModelPath);
        var provider = Provider();
        Assert.Equal(trained.ModelVersion, provider.Current.Version);

        Thread.Sleep(20);
        var metadata = File.ReadAllText(ModelFiles.MetadataPath(ModelPath));
        File.WriteAllText(ModelFiles.MetadataPath(ModelPath), metadata[..(metadata.Length / 2)]);
        Assert.Equal(trained.ModelVersion, provider.Current.Version);
        Assert.Contains("not valid JSON", Assert.Throws<ModelLoadException>(() => SentinelModel.Load(ModelPath)).Message);

        Thread.Sleep(20);
        File.WriteAllText(ModelFiles.MetadataPath(ModelPath), metadata);
        var zip = File.ReadAllBytes(ModelPath);
        File.WriteAllBytes(ModelPath, zip[..(zip.Length / 3)]);
        Assert.Equal(trained.ModelVersion, provider.Current.Version);
        Assert.Contains("cannot be read", Assert.Throws<ModelLoadException>(() => SentinelModel.Load(ModelPath)).Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
