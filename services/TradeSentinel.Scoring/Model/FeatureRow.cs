using Microsoft.ML.Data;

namespace TradeSentinel.Scoring.Model;

/// <summary>One fill's feature vector, as ML.NET reads it.</summary>
public sealed class FeatureRow
{
    public const int Size = 18;

    [VectorType(Size)]
    public float[] Features { get; set; } = new float[Size];

    /// <summary>Training only: the fill is a victim's side of a labelled malicious trade.</summary>
    public bool Label { get; set; }
}
