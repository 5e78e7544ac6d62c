using TradeSentinel.Tools.Evaluation;

namespace TradeSentinel.Tools.Backtest;

/// <summary>One scenario at one seed: the product's and the simple rule's metrics.</summary>
public sealed record BacktestRow(string Scenario, int Seed, long Trades, DetectionReport Product, DetectionReport Rule);
