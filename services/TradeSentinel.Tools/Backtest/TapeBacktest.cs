using TradeSentinel.Ingest;
using TradeSentinel.Simulation;
using TradeSentinel.Tools.Hosting;

namespace TradeSentinel.Tools.Backtest;

/// <summary>
/// The backtest's real-market rows: each recorded tape alone (everyone in it innocent: what the
/// product names there is its false positives) and with an attack laid over it at each seed: a
/// leaked app spread over three coins, the same sold into by a crowd of 14 accounts in one coin,
/// and phished own keys making a crowd of payers and winners of their own in one coin.
/// The overlaid copies are written under the backtest's output only.
/// </summary>
public static class TapeBacktest
{
    private static readonly TapeAttack[] Overlays = new[] { "app-leak", "crowd14", "phished-crowd" }.Select(n => TapeAttack.Find(n)!).ToArray();

    /// <summary>The streams replayed for each tape: the tape alone, then each overlay at each seed.</summary>
    public static int StreamsPerTape(int seeds) => 1 + Overlays.Length * seeds;

    public static async Task<List<BacktestRun.Outcome>> RunAsync(string[] args, IEnumerable<string> tapes, IReadOnlyList<int> seeds, string output,
        CancellationToken cancel, Progress? progress = null)
    {
        var outcomes = new List<BacktestRun.Outcome>();
        foreach (var tape in tapes)
        {
            var name = "tape " + OverlaidTape.NameOf(tape);
            var data = Path.Combine(output, "data", OverlaidTape.NameOf(tape));
            var none = data + ".labels.jsonl";
            await File.WriteAllTextAsync(none, "", cancel);
            outcomes.Add(await BacktestRun.MeasureAsync(args, name, 0, tape, none, data + ".alerts.jsonl", cancel));
            progress?.Step();
            var trades = TradeFile.ReadValid(tape).ToList();
            foreach (var overlay in Overlays)
                foreach (var seed in seeds)
                {
                    cancel.ThrowIfCancellationRequested();
                    var file = $"{data}+{overlay.Name}-{seed}";
                    OverlaidTape.Write(trades, overlay.Lay(new TapeOverlay(trades, seed)), file + ".jsonl.gz", file + ".labels.jsonl");
                    outcomes.Add(await BacktestRun.MeasureAsync(args, $"{name} + {overlay.Name}", seed, file + ".jsonl.gz", file + ".labels.jsonl",
                        file + ".alerts.jsonl", cancel));
                    progress?.Step();
                }
        }
        return outcomes;
    }
}
