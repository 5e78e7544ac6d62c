using System.Text.Json;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Ingest;
using TradeSentinel.Service;
using TradeSentinel.Tools.Evaluation;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tools.Commands;

/// <summary>
/// <c>sentinel evaluate --alerts A --labels L --trades F</c> scores an existing alert file;
/// <c>sentinel evaluate --input F --labels L</c> replays F through the pipeline first.
/// </summary>
public static class EvaluateCommand
{
    private static readonly JsonSerializerOptions LabelJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()
    };
    private static readonly JsonSerializerOptions ReportJson = new(LabelJson) { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args, CancellationToken cancel)
    {
        var labels = ReadLabels(CommandLine.Required(args, "--labels"));
        IReadOnlyList<FreezeRecommendation> alerts;
        string tradesPath;
        if (CommandLine.Value(args, "--alerts") is { } alertsPath)
        {
            tradesPath = CommandLine.Required(args, "--trades");
            alerts = File.ReadLines(alertsPath).Where(l => l.Length > 0)
                .Select(l => JsonSerializer.Deserialize(l, SentinelJson.Default.FreezeRecommendation)!).ToList();
        }
        else
        {
            tradesPath = CommandLine.Required(args, "--Ingest:Input");
            alerts = (await PipelineRun.ExecuteAsync(args, tradesPath, cancel: cancel)).Alerts;
        }
        var ordered = alerts.OrderBy(a => a.Ts).ToList();
        var report = Evaluator.Evaluate(ordered, labels, ReadTrades(tradesPath));
        Console.WriteLine(JsonSerializer.Serialize(report, ReportJson));
        return 0;
    }

    public static List<Label> ReadLabels(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<Label>(l, LabelJson)!).ToList();

    public static Dictionary<string, Evaluator.TradeParties> ReadTrades(string path)
    {
        var trades = new Dictionary<string, Evaluator.TradeParties>();
        foreach (var t in TradeFile.ReadValid(path))
            trades.TryAdd(t.TradeId!, new(t.Ts!.Value, Party(t.Buyer!), Party(t.Seller!)));
        return trades;
    }

    private static Evaluator.Party Party(TradeParty p) => new(p.AccountId!, p.ApiKeyId, p.AppId);
}
