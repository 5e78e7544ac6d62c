using System.Text.Json;
using TradeSentinel.Core.Contract;

namespace TradeSentinel.Scoring.Training;

/// <summary>Which fills a labels file marks as a victim's side of a malicious trade: (trade id, victim account).</summary>
public static class LabelledFills
{
    public static HashSet<(string TradeId, string Account)> Read(string labelsPath)
    {
        var victims = new HashSet<(string, string)>();
        foreach (var line in File.ReadLines(labelsPath))
        {
            if (line.Length == 0) continue;
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.GetProperty("kind").GetString() == LabelKinds.MaliciousTrade)
                victims.Add((root.GetProperty("trade_id").GetString()!, root.GetProperty("victim").GetString()!));
        }
        return victims;
    }
}
