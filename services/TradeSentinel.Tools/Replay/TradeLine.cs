using System.Text.RegularExpressions;

namespace TradeSentinel.Tools.Replay;

/// <summary>
/// Edits of one TradeEvent JSON line, for feeds made from recorded trades (paced, looped, squeezed
/// or moved in time) without parsing and re-serialising every record.
/// </summary>
public static partial class TradeLine
{
    /// <summary>The line's event time, or null when it has none.</summary>
    public static long? Ts(string line) => EventTime().Match(line) is { Success: true } m ? long.Parse(m.Groups[1].Value) : null;

    /// <summary>The line with its event time replaced by <paramref name="change"/> of it.</summary>
    public static string WithTs(string line, Func<long, long> change) =>
        EventTime().Replace(line, m => $"\"ts\":{change(long.Parse(m.Groups[1].Value))}", 1);

    /// <summary>The line with its trade id replaced by <paramref name="change"/> of it.</summary>
    public static string WithTradeId(string line, Func<string, string> change) =>
        TradeId().Replace(line, m => $"\"trade_id\":\"{change(m.Groups[1].Value)}\"", 1);

    [GeneratedRegex("\"ts\":\\s*(\\d+)")]
    private static partial Regex EventTime();

    [GeneratedRegex("\"trade_id\":\\s*\"([^\"]+)\"")]
    private static partial Regex TradeId();
}
