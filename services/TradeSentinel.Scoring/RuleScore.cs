using TradeSentinel.Scoring.Features;

namespace TradeSentinel.Scoring;

/// <summary>
/// The ablation's stand-in for the model: 1 when the account lost at least 10% against the market
/// and something about the order is new for it (source address, key, symbol, a dormant key, or
/// three times its usual size), else 0.
/// </summary>
public static class RuleScore
{
    public static double Of(ReadOnlySpan<float> f) =>
        f[FeatureSchema.AdversePremium] >= Math.Log(1.1)
        && (f[FeatureSchema.NewIp] > 0 || f[FeatureSchema.NewKey] > 0 || f[FeatureSchema.NewSymbol] > 0
            || f[FeatureSchema.KeyIdleDays] >= Math.Log(1 + 7.0) || f[FeatureSchema.SizeVsUsual] >= Math.Log10(3))
            ? 1
            : 0;
}
