using TradeSentinel.Core.Contract;
using TradeSentinel.Ingest;
using TradeSentinel.Scoring.Training;
using TradeSentinel.Service;
using TradeSentinel.Simulation;
using TradeSentinel.Tools.Backtest;

namespace TradeSentinel.Tools.Training;

/// <summary>
/// <c>sentinel train --input history --overlay-attacks …</c>: a training set from a venue's own
/// unlabelled history. Each named attack is laid over the history at each seed (victims, keys, apps
/// and beneficiaries among the history's own accounts, <see cref="TapeOverlay"/>), each overlaid copy
/// is written with its labels under <paramref name="dataDir"/> and learnt from, and the untouched
/// history is added as the flag score's calibration (<see cref="TrainingSet.AddHistory"/>).
/// </summary>
public static class HistoryTraining
{
    /// <summary>What was laid over one history at one seed.</summary>
    public sealed record Overlaid(string History, string Attack, int Seed, int Trades, int Victims, int Beneficiaries, string[] Coins, double Usd,
        string TradesPath, string LabelsPath);

    public static TrainingSet Build(IReadOnlyList<string> histories, IReadOnlyList<TapeAttack> attacks, IReadOnlyList<int> seeds, string dataDir,
        Action<Overlaid> laid)
    {
        Directory.CreateDirectory(dataDir);
        var set = new TrainingSet();
        var malicious = 0;
        foreach (var history in histories)
        {
            var tape = TradeFile.ReadValid(history).ToList();
            if (tape.Count == 0) throw new UsageException($"{history}: no valid trade to lay an attack over");
            set.AddHistory(history);
            foreach (var attack in attacks)
                foreach (var seed in seeds)
                {
                    var injected = attack.Lay(new TapeOverlay(tape, seed));
                    var name = Path.Combine(dataDir, $"{OverlaidTape.NameOf(history)}+{attack.Name}-{seed}");
                    OverlaidTape.Write(tape, injected, name + ".jsonl.gz", name + ".labels.jsonl");
                    if (injected.Count > 0) set.Add(name + ".jsonl.gz", name + ".labels.jsonl");
                    malicious += injected.Count;
                    laid(Describe(history, attack, seed, injected, name));
                }
        }
        if (malicious == 0)
            throw new UsageException("no attack could be laid over the history: it needs app users or own-key traders and a coin with 200 trades");
        return set;
    }

    private static Overlaid Describe(string history, TapeAttack attack, int seed, List<TapeOverlay.Injected> injected, string name) =>
        new(history, attack.Name, seed, injected.Count, injected.Select(x => x.Victim).Distinct().Count(),
            injected.Select(x => x.Beneficiary).Distinct().Count(), [.. injected.Select(x => x.Trade.Symbol!).Distinct().Order(StringComparer.Ordinal)],
            injected.Sum(x => x.Usd), name + ".jsonl.gz", name + ".labels.jsonl");
}
