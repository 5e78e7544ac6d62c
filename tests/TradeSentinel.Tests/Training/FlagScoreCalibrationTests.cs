using TradeSentinel.Scoring.Model;
using TradeSentinel.Scoring.Training;

namespace TradeSentinel.Tests.Training;

/// <summary>
/// The flag score of a model trained for a venue holds the false-flag budget on the venue's own fills:
/// where its history holds innocent fills that look like the attacks, the flag score rises above them.
/// </summary>
public sealed class FlagScoreCalibrationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-calibration-").FullName;

    private static FeatureRow Row(Random random, bool looksMalicious, bool label)
    {
        var row = new FeatureRow { Label = label };
        for (var f = 0; f < FeatureRow.Size; f++) row.Features[f] = (float)random.NextDouble();
        if (looksMalicious) row.Features[0] += 5;
        return row;
    }

    // Training rows where a large first feature means malicious, and a held-out set of plain benign rows.
    private static TrainingSet Set()
    {
        var random = new Random(3);
        var set = new TrainingSet();
        for (var i = 0; i < 3000; i++) set.Train.Add(Row(random, i % 20 == 5, i % 20 == 5));
        for (var i = 0; i < 300; i++) set.Holdout.Add(Row(random, i % 20 == 5, i % 20 == 5));
        return set;
    }

    [Fact]
    public void Innocent_look_alikes_in_the_venues_history_lift_the_flag_score_above_them()
    {
        var plain = ModelTrainer.Train(Set(), ModelTrainer.Kind.FastTree, Path.Combine(_dir, "plain.zip"));

        var set = Set();
        var random = new Random(4);
        for (var i = 0; i < 500; i++) set.Calibration.Add(Row(random, looksMalicious: i == 7, label: false));
        var venue = ModelTrainer.Train(set, ModelTrainer.Kind.FastTree, Path.Combine(_dir, "venue.zip"));
        var lookAlike = SentinelModel.Load(Path.Combine(_dir, "venue.zip")).ScoreRaw([set.Calibration[7]])[0];

        Assert.Equal(ModelTrainer.MinFlagScore, plain.FlagScore);   // simulated benign fills alone: the floor
        Assert.True(lookAlike > ModelTrainer.MinFlagScore, $"the look-alike scores {lookAlike}");
        Assert.True(venue.FlagScore > lookAlike, $"flag score {venue.FlagScore}, look-alike {lookAlike}");
        Assert.Equal(0, venue.HoldoutShareAboveFlagScore);
        Assert.Equal(500, venue.CalibrationRows);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
