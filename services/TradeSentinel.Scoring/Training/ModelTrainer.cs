using System.Security.Cryptography;
using Microsoft.ML;
using TradeSentinel.Scoring.Features;
using TradeSentinel.Scoring.Model;

namespace TradeSentinel.Scoring.Training;

/// <summary>
/// Trains one of the two models on a <see cref="TrainingSet"/>: a supervised FastTree classifier
/// (needs labelled streams) or an unsupervised randomized PCA (needs only ordinary trading).
/// </summary>
public static class ModelTrainer
{
    public enum Kind { FastTree, Pca }

    public static ModelMetadata Train(TrainingSet set, Kind kind, string modelPath, int seed = 7, double flagScore = ScoringOptions.DefaultFlagScore)
    {
        if (set.Train.Count < 100) throw new InvalidOperationException($"{set.Train.Count} training fills; at least 100 are needed");
        var positives = set.Train.Count(r => r.Label);
        if (kind == Kind.FastTree && positives == 0)
            throw new InvalidOperationException("the supervised model needs labelled malicious trades: pass --labels with an attack stream");

        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(set.Train);
        var features = nameof(FeatureRow.Features);
        IEstimator<ITransformer> pipeline = kind == Kind.FastTree
            ? ml.BinaryClassification.Trainers.FastTree(labelColumnName: nameof(FeatureRow.Label), featureColumnName: features,
                numberOfLeaves: 16, numberOfTrees: 100, minimumExampleCountPerLeaf: 10, learningRate: 0.1)
            : ml.Transforms.NormalizeMeanVariance(features)
                .Append(ml.AnomalyDetection.Trainers.RandomizedPca(features, rank: 3, ensureZeroMean: true, seed: seed));
        var transformer = pipeline.Fit(data);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(modelPath))!);
        ml.Model.Save(transformer, data.Schema, modelPath);

        var metadata = new ModelMetadata
        {
            FeatureSchemaVersion = FeatureSchema.Version,
            ModelVersion = (kind == Kind.FastTree ? "fasttree-" : "pca-") + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(modelPath)))[..12],
            Trainer = kind == Kind.FastTree ? "FastTree(leaves=16, trees=100)" : "RandomizedPca(rank=3) on NormalizeMeanVariance",
            ScoreColumn = kind == Kind.FastTree ? "Probability" : "Score",
            TrainingData = string.Join("; ", set.Sources),
            Seed = seed,
            TrainingRows = set.Train.Count,
            HoldoutRows = set.Holdout.Count,
            FeatureNames = FeatureSchema.Names,
            FlagScore = flagScore,
        };
        (metadata.FeatureMeans, metadata.FeatureStdDevs) = Moments(set.Train);
        var model = SentinelModel.From(transformer, metadata);
        if (kind == Kind.Pca)
        {
            var raw = model.ScoreRaw(set.Train);
            Array.Sort(raw);
            metadata.Calibration = Enumerable.Range(0, 1001).Select(i => (double)raw[(int)((long)i * (raw.Length - 1) / 1000)]).ToArray();
        }
        if (set.Holdout.Count > 0)
        {
            var scores = model.ScoreRaw(set.Holdout).Select(s => model.Calibrate(s)).ToArray();
            var benign = set.Holdout.Select((r, i) => (r, i)).Where(x => !x.r.Label).ToList();
            metadata.HoldoutShareAboveFlagScore = benign.Count(x => scores[x.i] >= flagScore) / (double)Math.Max(1, benign.Count);
            metadata.HoldoutPositives = set.Holdout.Count(r => r.Label);
            if (metadata.HoldoutPositives > 0)
                metadata.HoldoutRecall = set.Holdout.Select((r, i) => (r, i)).Count(x => x.r.Label && scores[x.i] >= flagScore) / (double)metadata.HoldoutPositives;
        }
        ModelFiles.WriteMetadata(modelPath, metadata);
        return metadata;
    }

    private static (double[] Means, double[] StdDevs) Moments(List<FeatureRow> rows)
    {
        var means = new double[FeatureRow.Size];
        var squares = new double[FeatureRow.Size];
        foreach (var row in rows)
            for (var i = 0; i < FeatureRow.Size; i++)
            {
                means[i] += row.Features[i];
                squares[i] += row.Features[i] * (double)row.Features[i];
            }
        var stds = new double[FeatureRow.Size];
        for (var i = 0; i < FeatureRow.Size; i++)
        {
            means[i] /= rows.Count;
            stds[i] = Math.Sqrt(Math.Max(squares[i] / rows.Count - means[i] * means[i], 1e-9));
        }
        return (means, stds);
    }
}
