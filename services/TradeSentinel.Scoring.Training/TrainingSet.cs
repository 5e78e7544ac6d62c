using TradeSentinel.Core;
using TradeSentinel.Scoring.Features;
using TradeSentinel.Scoring.Model;

namespace TradeSentinel.Scoring.Training;

/// <summary>Feature rows of one or more streams, each replayed with fresh state, split into train and holdout.</summary>
public sealed class TrainingSet
{
    public const int HoldoutEvery = 10;

    public List<FeatureRow> Train { get; } = [];
    public List<FeatureRow> Holdout { get; } = [];
    public List<string> Sources { get; } = [];

    /// <summary>Adds a trades file; with a labels file its victims' fills become positives.</summary>
    public void Add(string tradesPath, string? labelsPath)
    {
        var victims = labelsPath is null ? [] : LabelledFills.Read(labelsPath);
        var extractor = new FeatureExtractor();
        foreach (var fill in FillReplay.Read(tradesPath))
        {
            var row = new FeatureRow { Label = victims.Contains((fill.TradeId, fill.AccountId)) };
            extractor.Extract(fill, row.Features);
            // Split by trade, not by position: both fills of a trade land on the same side.
            (Math.Abs(StableHash.Of(fill.TradeId) % HoldoutEvery) == 0 ? Holdout : Train).Add(row);
        }
        Sources.Add(Path.GetFileName(tradesPath) + (labelsPath is null ? "" : $" + {Path.GetFileName(labelsPath)}"));
    }
}
