using TradeSentinel.Core.Contract;
using TradeSentinel.Scoring.Features;
using TradeSentinel.Scoring.Training;

namespace TradeSentinel.Tools.Backtest;

/// <summary>
/// The floor the product must clear: freeze an account the first time it buys at more than 1.3×
/// the 15-minute VWAP with more than 3× its usual size. Same market reference and account history
/// as the scorer, no model, no correlation.
/// </summary>
public static class SimpleRule
{
    public const double MinPriceRatio = 1.3;
    public const double MinSizeRatio = 3;

    public static List<FreezeRecommendation> Alerts(string tradesPath)
    {
        var extractor = new FeatureExtractor();
        var features = new float[FeatureSchema.Count];
        var alerts = new List<FreezeRecommendation>();
        var named = new HashSet<string>();
        foreach (var fill in FillReplay.Read(tradesPath))
        {
            extractor.Extract(fill, features);
            var fires = fill.IsBuy && fill.Market.Vwap15m > 0 && fill.Price > MinPriceRatio * fill.Market.Vwap15m
                && features[FeatureSchema.History] > 0 && features[FeatureSchema.SizeVsUsual] > Math.Log10(MinSizeRatio);
            if (!fires || !named.Add(fill.AccountId)) continue;
            alerts.Add(new FreezeRecommendation
            {
                AlertId = $"rule:{fill.AccountId}",
                Ts = fill.Ts,
                Action = AlertActions.FreezeAccount,
                Role = AlertActions.Victim,
                AccountId = fill.AccountId,
                Symbol = fill.Symbol,
                Severity = AlertSeverities.High,
                Score = 1,
                Reasons = [new AlertReason("simple_rule", "bought above 1.3x the 15-min VWAP at over 3x the usual size")],
                TradeIds = [fill.TradeId],
                ModelVersion = "simple-rule",
            });
        }
        return alerts;
    }
}
