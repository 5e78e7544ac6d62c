using System.IO.Pipelines;
using System.Text;
using System.Text.RegularExpressions;

namespace TradeSentinel.Cli.Bench;

/// <summary>
/// An endless feed for the soak: the lines of a trade file played again and again until a deadline,
/// each pass moved later in event time by the file's span and given fresh trade ids, so event time
/// keeps advancing and nothing is a duplicate.
/// </summary>
public static partial class LoopingFeed
{
    public static Stream Open(IReadOnlyList<string> lines, TimeSpan duration, Action<int>? onPass = null)
    {
        var pipe = new Pipe();
        var first = Ts(lines[0]);
        var span = Ts(lines[^1]) - first + 1_000;
        _ = Task.Run(async () =>
        {
            try
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                for (var pass = 0; clock.Elapsed < duration; pass++)
                {
                    onPass?.Invoke(pass);
                    var shift = pass * span;
                    foreach (var line in lines)
                    {
                        var moved = EventTime().Replace(line, m => $"\"ts\":{long.Parse(m.Groups[1].Value) + shift}", 1);
                        moved = TradeId().Replace(moved, m => $"\"trade_id\":\"{m.Groups[1].Value}~{pass}\"", 1);
                        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(moved + "\n"));
                    }
                }
                await pipe.Writer.CompleteAsync();
            }
            catch (Exception e)
            {
                await pipe.Writer.CompleteAsync(e);
            }
        });
        return pipe.Reader.AsStream();
    }

    private static long Ts(string line) => long.Parse(EventTime().Match(line).Groups[1].Value);

    [GeneratedRegex("\"ts\":(\\d+)")]
    private static partial Regex EventTime();

    [GeneratedRegex("\"trade_id\":\"([^\"]+)\"")]
    private static partial Regex TradeId();
}
