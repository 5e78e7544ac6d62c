using System.Text.Json;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Service;
using TradeSentinel.Service.Hosting;
using TradeSentinel.Tools.Commands;
using TradeSentinel.Tools.Evaluation;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tools.Backtest;

/// <summary>
/// One labelled trade file through the whole pipeline, its recommendations written beside it as
/// <c>name.alerts.jsonl</c>, scored against the labels beside the simple rule on the same file.
/// </summary>
public static class BacktestRun
{
    public sealed record Outcome(BacktestRow Row, string Model, List<FreezeRecommendation> Alerts, List<Label> Labels,
        Dictionary<string, Evaluator.TradeParties> Trades);

    public static async Task<Outcome> MeasureAsync(string[] args, string family, int seed, string tradesPath, string labelsPath, string alertsPath,
        CancellationToken cancel)
    {
        var run = await PipelineRun.ExecuteAsync(args, tradesPath, cancel: cancel);
        var alerts = run.Alerts.OrderBy(a => a.Ts).ThenBy(a => a.AlertId, StringComparer.Ordinal).ToList();
        await File.WriteAllLinesAsync(alertsPath, alerts.Select(a => JsonSerializer.Serialize(a, SentinelJson.Default.FreezeRecommendation)), cancel);
        var labels = EvaluateCommand.ReadLabels(labelsPath);
        var trades = EvaluateCommand.ReadTrades(tradesPath);
        var product = Evaluator.Evaluate(alerts, labels, trades);
        var rule = Evaluator.Evaluate(SimpleRule.Alerts(tradesPath), labels, trades);
        Console.Error.WriteLine($"{family}-{seed}: prevented {product.PreventedUsdShare:P1} (rule {rule.PreventedUsdShare:P1}), victim recall {product.VictimRecall:P0}, " +
            $"{product.BenignAccountsNamed} benign accounts named, {run.Elapsed.TotalSeconds:F0} s");
        return new Outcome(new BacktestRow(family, seed, run.Trades, product, rule), alerts.FirstOrDefault()?.ModelVersion ?? "", alerts, labels, trades);
    }
}
