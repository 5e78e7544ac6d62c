using System.IO.Compression;
using System.Text.Json;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Ingest;
using TradeSentinel.Simulation;

namespace TradeSentinel.Tools.Backtest;

/// <summary>
/// A recorded tape with an attack laid over it (<see cref="TapeOverlay"/>), written as a trade file
/// and its labels: what <c>sentinel overlay</c>, the backtest's tape rows and
/// <c>sentinel train --overlay-attacks</c> measure and learn on. The tape's trades are kept as they are.
/// </summary>
public static class OverlaidTape
{
    /// <summary>A leaked app's attack of the given shape; returns how many attack trades were laid (and the tape's size).</summary>
    public static (int Injected, int Tape) Write(string tapePath, int seed, int beneficiaries, int coins, double minMinutes, double maxMinutes,
        string output, string labelsPath)
    {
        var tape = TradeFile.ReadValid(tapePath).ToList();
        var injected = new TapeOverlay(tape, seed).AppLeak(beneficiaries, coins, minMinutes, maxMinutes);
        Write(tape, injected, output, labelsPath);
        return (injected.Count, tape.Count);
    }

    /// <summary>A tape file's name without its .jsonl(.gz) extension: what the overlaid copies are named after.</summary>
    public static string NameOf(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var suffix in new[] { ".gz", ".jsonl" })
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) name = name[..^suffix.Length];
        return name;
    }

    public static void Write(IReadOnlyList<TradeEvent> tape, IReadOnlyList<TapeOverlay.Injected> injected, string output, string labelsPath)
    {
        // The tape's order stands; an injected trade goes after the tape's trades of its millisecond.
        var merged = tape.Select((t, i) => (t.Ts!.Value, Order: i, Trade: t))
            .Concat(injected.Select((x, i) => (x.Trade.Ts!.Value, Order: tape.Count + i, x.Trade)))
            .OrderBy(x => x.Item1).ThenBy(x => x.Order).Select(x => x.Trade);
        using (var file = File.Create(output))
        using (Stream stream = output.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.Fastest) : file)
        using (var writer = new StreamWriter(stream))
            foreach (var trade in merged) writer.WriteLine(JsonSerializer.Serialize(trade, SentinelJson.Default.TradeEvent));

        using var labels = File.CreateText(labelsPath);
        var ordered = injected.OrderBy(x => x.Trade.Ts).ThenBy(x => x.Trade.TradeId, StringComparer.Ordinal).ToList();
        foreach (var leak in ordered.Where(x => x.App is not null).GroupBy(x => x.App))
            labels.WriteLine(JsonSerializer.Serialize(new { kind = LabelKinds.AppLeak, app_id = leak.Key, first_ts = leak.First().Trade.Ts }));
        foreach (var b in ordered.Select(x => x.Beneficiary).Distinct())
            labels.WriteLine(JsonSerializer.Serialize(new { kind = LabelKinds.Beneficiary, account_id = b }));
        foreach (var v in ordered.GroupBy(x => x.Victim))
            labels.WriteLine(JsonSerializer.Serialize(new
            {
                kind = LabelKinds.Victim,
                account_id = v.Key,
                api_key_id = v.First().Trade.Buyer!.ApiKeyId,
                app_id = v.First().Trade.Buyer!.AppId,
                first_ts = v.First().Trade.Ts,
            }));
        foreach (var x in ordered)
            labels.WriteLine(JsonSerializer.Serialize(new { kind = LabelKinds.MaliciousTrade, trade_id = x.Trade.TradeId, victim = x.Victim, beneficiary = x.Beneficiary, usd = x.Usd }));
    }
}
