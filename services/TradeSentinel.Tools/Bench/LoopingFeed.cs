using System.IO.Pipelines;
using System.Text;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tools.Bench;

/// <summary>
/// An endless feed for the soak: the lines of a trade file played again and again until a deadline,
/// each pass moved later in event time by the file's span and given fresh trade ids, so event time
/// keeps advancing and nothing is a duplicate.
/// </summary>
public static class LoopingFeed
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
                        var moved = TradeLine.WithTradeId(TradeLine.WithTs(line, ts => ts + shift), id => $"{id}~{pass}");
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

    private static long Ts(string line) => TradeLine.Ts(line) ?? throw new FormatException("a trade line without ts");
}
