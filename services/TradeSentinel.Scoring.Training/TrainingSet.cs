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

    /// <summary>
    /// The held-out fills of a venue's own untouched history (<see cref="AddHistory"/>): when there
    /// are any, the flag score is chosen on them, so the false-flag budget holds on the venue's market
    /// rather than on whatever benign trading the training streams hold.
    /// </summary>
    public List<FeatureRow> Calibration { get; } = [];

    public List<string> Sources { get; } = [];

    /// <summary>Adds a trades file; with a labels file its victims' fills become positives.</summary>
    public void Add(string tradesPath, string? labelsPath) => Add(tradesPath, labelsPath, Holdout);

    /// <summary>
    /// Adds a venue's own unlabelled history: trained on as benign, its held-out fills kept for the
    /// flag score. Overlaid copies of it hold out the same trades (the split is by trade id), so no
    /// copy of a calibration fill is trained on.
    /// </summary>
    public void AddHistory(string tradesPath) => Add(tradesPath, null, Calibration);

    private void Add(string tradesPath, string? labelsPath, List<FeatureRow> heldOut)
    {
        var victims = labelsPath is null ? [] : LabelledFills.Read(labelsPath);
        var extractor = new FeatureExtractor();
        foreach (var fill in FillReplay.Read(tradesPath))
        {
            var row = new FeatureRow { Label = victims.Contains((fill.TradeId, fill.AccountId)) };
            extractor.Extract(fill, row.Features);
            // Split by trade, not by position: both fills of a trade land on the same side.
            (Math.Abs(StableHash.Of(fill.TradeId) % HoldoutEvery) == 0 ? heldOut : Train).Add(row);
        }
        Sources.Add(Path.GetFileName(tradesPath) + (labelsPath is null ? "" : $" + {Path.GetFileName(labelsPath)}") +
            (heldOut == Calibration ? " (calibration)" : ""));
    }
}
