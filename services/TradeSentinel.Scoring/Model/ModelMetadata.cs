namespace TradeSentinel.Scoring.Model;

/// <summary>Written beside the model zip by <c>sentinel train</c>; read and checked by the scorer.</summary>
public sealed class ModelMetadata
{
    public int FeatureSchemaVersion { get; set; }

    /// <summary>Content hash of the model zip: what every tagged fill and alert names.</summary>
    public string ModelVersion { get; set; } = "";
    public string Trainer { get; set; } = "";

    /// <summary>The model's output column read as the score: <c>Probability</c> (supervised) or <c>Score</c> (PCA).</summary>
    public string ScoreColumn { get; set; } = "Score";
    public string TrainingData { get; set; } = "";
    public int Seed { get; set; }
    public int TrainingRows { get; set; }
    public int HoldoutRows { get; set; }
    public string[] FeatureNames { get; set; } = [];
    public double[] FeatureMeans { get; set; } = [];
    public double[] FeatureStdDevs { get; set; } = [];

    /// <summary>
    /// Raw scores of training fills at 1001 evenly spaced quantiles, mapping an unbounded raw score
    /// onto [0,1]; empty when the score column already is a probability.
    /// </summary>
    public double[] Calibration { get; set; } = [];

    /// <summary>Which benign fills the flag score was chosen on, and how many.</summary>
    public string FlagScoreCalibratedOn { get; set; } = "";
    public int CalibrationRows { get; set; }

    /// <summary>Share of the calibration's benign fills at or above the flag score: the false-flag rate before any gating.</summary>
    public double HoldoutShareAboveFlagScore { get; set; }
    /// <summary>The score from which a fill is flagged, chosen for <c>ModelTrainer.TargetFalseFlagRate</c> on held-out benign fills.</summary>
    public double FlagScore { get; set; }

    /// <summary>Supervised models: held-out malicious fills scoring at or above the flag score.</summary>
    public double? HoldoutRecall { get; set; }
    public int HoldoutPositives { get; set; }
}
