using TradeSentinel.Service;
using System.IO.Compression;
using System.Text.Json;
using TradeSentinel.Core;
using TradeSentinel.Ingest;
using TradeSentinel.Simulation;

namespace TradeSentinel.Tools.Commands;

/// <summary>
/// <c>sentinel overlay --input tape.jsonl[.gz] --out overlaid.jsonl.gz --labels labels.jsonl [--seed N] [--beneficiaries 3] [--coins 3] [--wave-minutes 8-20]</c>:
/// a leaked app's attack laid over a recorded tape (see <see cref="TapeOverlay"/>), with its labels,
/// to measure detection on a venue's own market. The tape's trades are kept as they are.
/// </summary>
public static class OverlayCommand
{
    public static int Run(string[] args)
    {
        var input = CommandLine.Required(args, "--Ingest:Input");
        var output = CommandLine.Required(args, "--out");
        var labelsPath = CommandLine.Required(args, "--labels");
        var seed = int.Parse(CommandLine.Value(args, "--seed") ?? "1");
        var beneficiaries = int.Parse(CommandLine.Value(args, "--beneficiaries") ?? "3");
        var coins = int.Parse(CommandLine.Value(args, "--coins") ?? "3");
        var minutes = (CommandLine.Value(args, "--wave-minutes") ?? "8-20").Split('-').Select(double.Parse).ToArray();

        var tape = TradeFile.ReadValid(input).ToList();
        var injected = new TapeOverlay(tape, seed).AppLeak(beneficiaries, coins, minutes[0], minutes[^1]);
        // The tape's order stands; an injected trade goes after the tape's trades of its millisecond.
        var merged = tape.Select((t, i) => (t.Ts!.Value, Order: i, Trade: t))
            .Concat(injected.Select((x, i) => (x.Trade.Ts!.Value, Order: tape.Count + i, x.Trade)))
            .OrderBy(x => x.Item1).ThenBy(x => x.Order).Select(x => x.Trade);
        using (var file = File.Create(output))
        using (Stream stream = output.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.Fastest) : file)
        using (var writer = new StreamWriter(stream))
            foreach (var trade in merged) writer.WriteLine(JsonSerializer.Serialize(trade, SentinelJson.Default.TradeEvent));

        using (var labels = File.CreateText(labelsPath))
        {
            var ordered = injected.OrderBy(x => x.Trade.Ts).ThenBy(x => x.Trade.TradeId, StringComparer.Ordinal).ToList();
            labels.WriteLine(JsonSerializer.Serialize(new { kind = "app_leak", app_id = ordered[0].App, first_ts = ordered[0].Trade.Ts }));
            foreach (var b in ordered.Select(x => x.Beneficiary).Distinct())
                labels.WriteLine(JsonSerializer.Serialize(new { kind = "beneficiary", account_id = b }));
            foreach (var v in ordered.GroupBy(x => x.Victim))
                labels.WriteLine(JsonSerializer.Serialize(new
                {
                    kind = "victim", account_id = v.Key, api_key_id = v.First().Trade.Buyer!.ApiKeyId, app_id = v.First().App, first_ts = v.First().Trade.Ts,
                }));
            foreach (var x in ordered)
                labels.WriteLine(JsonSerializer.Serialize(new { kind = "malicious_trade", trade_id = x.Trade.TradeId, victim = x.Victim, beneficiary = x.Beneficiary, usd = x.Usd }));
        }
        Console.Error.WriteLine($"overlaid {injected.Count:N0} attack trades ({beneficiaries} beneficiaries, {coins} coins) on {tape.Count:N0} trades → {output}, {labelsPath}");
        return 0;
    }
}
