using Microsoft.ML;
using Microsoft.ML.Data;
using TradeSentinel.Scoring.Features;

namespace TradeSentinel.Scoring.Model;

/// <summary>
/// A trained ML.NET anomaly model plus its calibration. Scores whole batches through one
/// <see cref="ITransformer.Transform"/> call: one pass per poll, not one engine call per fill.
/// </summary>
public sealed class SentinelModel
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly ITransformer _transformer;

    public ModelMetadata Metadata { get; }

    public string Version => Metadata.ModelVersion;

    private SentinelModel(ITransformer transformer, ModelMetadata metadata)
    {
        _transformer = transformer;
        Metadata = metadata;
    }

    public static SentinelModel Load(string path)
    {
        if (!File.Exists(path)) throw new ModelLoadException($"model {path} not found; create it with 'sentinel train' (make model)");
        var metadata = ModelFiles.ReadMetadata(path);
        if (metadata.FeatureSchemaVersion != FeatureSchema.Version)
            throw new ModelLoadException(
                $"model {path} was trained on feature schema v{metadata.FeatureSchemaVersion}, this scorer computes v{FeatureSchema.Version}; retrain it");
        var ml = new MLContext(seed: 1);
        var transformer = ml.Model.Load(path, out _);
        return new SentinelModel(transformer, metadata);
    }

    internal static SentinelModel From(ITransformer transformer, ModelMetadata metadata) => new(transformer, metadata);

    /// <summary>Raw model scores of a batch (higher is more suspicious).</summary>
    public float[] ScoreRaw(IReadOnlyList<FeatureRow> rows)
    {
        var data = _ml.Data.LoadFromEnumerable(rows);
        return _transformer.Transform(data).GetColumn<float>(Metadata.ScoreColumn).ToArray();
    }

    /// <summary>Maps a raw score onto [0,1]: a probability as it is, else the share of training fills that scored lower.</summary>
    public double Calibrate(double raw)
    {
        var q = Metadata.Calibration;
        if (q.Length == 0) return Math.Clamp(raw, 0, 1);
        var at = Array.BinarySearch(q, raw);
        if (at >= 0)
        {
            while (at + 1 < q.Length && q[at + 1] == raw) at++;
            return (double)at / (q.Length - 1);
        }
        var upper = ~at;
        if (upper == 0) return 0;
        if (upper == q.Length) return 1;
        var fraction = (raw - q[upper - 1]) / (q[upper] - q[upper - 1]);
        return (upper - 1 + fraction) / (q.Length - 1);
    }
}
