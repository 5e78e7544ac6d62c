using ScottPlot;
using TradeSentinel.Core.Contract;
using TradeSentinel.Tools.Evaluation;
using Label = TradeSentinel.Tools.Evaluation.Label;

namespace TradeSentinel.Tools.Backtest;

/// <summary>
/// The chart a risk team reads first: malicious USD over time, spent against prevented, with the
/// moments recommendations were raised.
/// </summary>
public static class UsdChart
{
    public static void Save(string path, string title, IReadOnlyList<FreezeRecommendation> alerts, IReadOnlyList<Label> labels,
        IReadOnlyDictionary<string, Evaluator.TradeParties> trades)
    {
        var start = trades.Values.Min(t => t.Ts);
        var malicious = labels.Where(l => l.Kind == LabelKinds.MaliciousTrade && trades.ContainsKey(l.TradeId!))
            .Select(l => (Trade: trades[l.TradeId!], Label: l)).OrderBy(x => x.Trade.Ts).ToList();
        var prevented = Evaluator.PreventedTrades(alerts, labels, trades);
        double spent = 0, saved = 0;
        var xs = new List<double>();
        var spentYs = new List<double>();
        var savedYs = new List<double>();
        foreach (var (trade, label) in malicious)
        {
            spent += label.Usd;
            if (prevented.Contains(label.TradeId!)) saved += label.Usd;
            xs.Add((trade.Ts - start) / 60_000.0);
            spentYs.Add(spent);
            savedYs.Add(saved);
        }
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("minutes into the stream (event time)");
        plot.YLabel("cumulative malicious USD");
        if (xs.Count > 0)
        {
            var all = plot.Add.ScatterLine(xs, spentYs);
            all.LegendText = "attempted by the attacker";
            all.LineWidth = 2;
            var stopped = plot.Add.ScatterLine(xs, savedYs);
            stopped.LegendText = "prevented (victim or beneficiary already covered)";
            stopped.LineWidth = 2;
        }
        foreach (var minute in alerts.Select(a => (a.Ts - start) / 60_000.0).Distinct().Take(200))
        {
            var line = plot.Add.VerticalLine(minute);
            line.LineWidth = 1;
            line.Color = Colors.Gray.WithAlpha(0.35);
        }
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 900, 450);
    }
}
