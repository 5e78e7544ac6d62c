using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using TradeSentinel.Ingest;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tools.Wall;

/// <summary>
/// A trade file played as a live feed: each line is handed to ingest when the wall clock reaches
/// its event time, so latencies measured from event time are those of a live venue. The feed ends
/// at the first trade after <paramref name="endTs"/> (the simulator schedules some attack waves
/// beyond the benign market's end).
/// </summary>
public static class PacedFeed
{
    public static Stream Open(string path, long endTs, CancellationToken cancel)
    {
        var pipe = new Pipe();
        _ = Task.Run(async () =>
        {
            try
            {
                using var reader = new StreamReader(InputFiles.Open(path));
                while (await reader.ReadLineAsync(cancel) is { } line)
                {
                    var due = TradeLine.Ts(line) ?? 0;
                    if (due > endTs) break;
                    var wait = due - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                    if (wait > 0)
                    {
                        await pipe.Writer.FlushAsync(cancel);
                        await Task.Delay(TimeSpan.FromMilliseconds(wait), cancel);
                    }
                    pipe.Writer.Write(Encoding.UTF8.GetBytes(line + "\n"));
                }
                await pipe.Writer.CompleteAsync();
            }
            catch (Exception e)
            {
                await pipe.Writer.CompleteAsync(e);
            }
        }, cancel);
        return pipe.Reader.AsStream();
    }
}
