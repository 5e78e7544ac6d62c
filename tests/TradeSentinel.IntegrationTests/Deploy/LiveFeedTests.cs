using System.Diagnostics;
using System.Text;
using TradeSentinel.Core.Validation;

namespace TradeSentinel.Tests.Deploy;

/// <summary>
/// `sentinel feed`, the compose stack's market: valid trades on standard output, each written when
/// the wall clock reaches its event time, as a venue's live feed would deliver them.
/// </summary>
public sealed class LiveFeedTests
{
    [Fact]
    public async Task The_feed_writes_valid_trades_when_the_wall_clock_reaches_their_event_time()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "sentinel.dll"), "feed", "--segment-minutes", "2", "--rate", "50", "--seed", "7" })
            info.ArgumentList.Add(arg);
        var started = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var feed = Process.Start(info)!;
        var received = new List<(string Line, long At)>();
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (received.Count < 200 && await ReadLine(feed.StandardOutput, stop.Token) is { } line)
                received.Add((line, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        }
        finally
        {
            feed.Kill();
            await feed.WaitForExitAsync();
        }

        Assert.True(received.Count == 200, $"{received.Count} trades in 20 s; stderr: {await feed.StandardError.ReadToEndAsync()}");
        var parser = new TradeParser();
        Assert.All(received, r =>
        {
            Assert.True(parser.TryParse(Encoding.UTF8.GetBytes(r.Line), out var trade, out var rejection), $"{rejection.Reason}: {rejection.Detail}");
            Assert.StartsWith("s1-", trade.TradeId);
            Assert.True(trade.Ts!.Value >= started, $"ts {trade.Ts} is before the feed started ({started})");
            // Written once due, not before; and not held back (a loaded machine may delay a write by a little).
            Assert.InRange(r.At - trade.Ts!.Value, -50, 2_000);
        });
        Assert.Equal(received.Count, received.Select(r => r.Line).Distinct().Count());
    }

    private static async Task<string?> ReadLine(StreamReader reader, CancellationToken stop)
    {
        try
        {
            return await reader.ReadLineAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
