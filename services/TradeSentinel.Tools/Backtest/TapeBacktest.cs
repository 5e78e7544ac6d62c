using TradeSentinel.Tools.Hosting;

namespace TradeSentinel.Tools.Backtest;

/// <summary>
/// The backtest's real-market rows: each recorded tape alone (everyone in it innocent: what the
/// product names there is its false positives) and with a leaked app's attack laid over it at each
/// seed, once spread over three coins and once sold into by a crowd of 14 accounts in one coin.
/// The overlaid copies are written under the backtest's output only.
/// </summary>
public static class TapeBacktest
{
    private sealed record Overlay(string Name, int Beneficiaries, int Coins, double MinMinutes, double MaxMinutes);

    private static readonly Overlay[] Overlays = [new("app-leak", 3, 3, 8, 20), new("crowd14", 14, 1, 3, 8)];

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
            foreach (var overlay in Overlays)
                foreach (var seed in seeds)
                {
                    cancel.ThrowIfCancellationRequested();
                    var file = $"{data}+{overlay.Name}-{seed}";
                    OverlaidTape.Write(tape, seed, overlay.Beneficiaries, overlay.Coins, overlay.MinMinutes, overlay.MaxMinutes,
                        file + ".jsonl.gz", file + ".labels.jsonl");
                    outcomes.Add(await BacktestRun.MeasureAsync(args, $"{name} + {overlay.Name}", seed, file + ".jsonl.gz", file + ".labels.jsonl",
                        file + ".alerts.jsonl", cancel));
                    progress?.Step();
                }
        }
        return outcomes;
    }
}
