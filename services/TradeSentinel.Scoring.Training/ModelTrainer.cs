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

    /// <summary>Held-out benign fills allowed at or above the flag score: the false-flag budget the threshold is chosen for.</summary>
    public const double TargetFalseFlagRate = 5e-6;

    /// <param name="phase">Told as each long step starts (fitting, scoring), for a progress display.</param>
    public static ModelMetadata Train(TrainingSet set, Kind kind, string modelPath, int seed = 7, Action<string>? phase = null)
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
        phase?.Invoke($"training {kind} on {set.Train.Count:N0} fills");
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
        };
        (metadata.FeatureMeans, metadata.FeatureStdDevs) = Moments(set.Train);
        var model = SentinelModel.From(transformer, metadata);
        if (kind == Kind.Pca)
        {
            var raw = model.ScoreRaw(set.Train);
            Array.Sort(raw);
            metadata.Calibration = Enumerable.Range(0, 1001).Select(i => (double)raw[(int)((long)i * (raw.Length - 1) / 1000)]).ToArray();
        }
        phase?.Invoke($"scoring {set.Holdout.Count + set.Calibration.Count:N0} held-out fills");
        var scores = model.ScoreRaw(set.Holdout).Select(s => model.Calibrate(s)).ToArray();
        var benign = set.Calibration.Count > 0
            ? model.ScoreRaw(set.Calibration).Select(s => model.Calibrate(s)).ToArray()
            : set.Holdout.Select((r, i) => (r, i)).Where(x => !x.r.Label).Select(x => scores[x.i]).ToArray();
        metadata.FlagScoreCalibratedOn = set.Calibration.Count > 0 ? "held-out fills of the venue's own history" : "held-out benign fills";
        metadata.CalibrationRows = benign.Length;
        metadata.FlagScore = kind == Kind.Pca ? ScoringOptions.DefaultPercentileFlagScore : FlagScoreFor(benign, TargetFalseFlagRate);
        var flagScore = metadata.FlagScore;
        if (benign.Length > 0) metadata.HoldoutShareAboveFlagScore = benign.Count(s => s >= flagScore) / (double)benign.Length;
        if (set.Holdout.Count > 0)
        {
            metadata.HoldoutPositives = set.Holdout.Count(r => r.Label);
            if (metadata.HoldoutPositives > 0)
                metadata.HoldoutRecall = set.Holdout.Select((r, i) => (r, i)).Count(x => x.r.Label && scores[x.i] >= flagScore) / (double)metadata.HoldoutPositives;
        }
        ModelFiles.WriteMetadata(modelPath, metadata);
        return metadata;
    }

    /// <summary>The floor of a supervised model's flag score.</summary>
    public const double MinFlagScore = 0.9;

    /// <summary>
    /// The lowest score that at most <paramref name="rate"/> of the held-out benign fills reach: the
    /// threshold is set by the false-flag budget, not guessed. Never below <see cref="MinFlagScore"/>:
    /// simulated benign trading never covers every innocent coincidence of a real venue (an organic
    /// pump through an app that just added servers scored 0.53–0.70 in a backtest), so the threshold
    /// sits inside the malicious cluster, not at the edge of the benign one.
    /// </summary>
    public static double FlagScoreFor(double[] benignScores, double rate)
    {
        if (benignScores.Length == 0) return MinFlagScore;
        var sorted = benignScores.OrderDescending().ToArray();
        var allowed = (int)Math.Floor(rate * sorted.Length);
        var threshold = allowed < sorted.Length ? sorted[allowed] : MinFlagScore;
        // Strictly above the first benign score that must not pass.
        return Math.Max(MinFlagScore, Math.BitIncrement(threshold));
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
