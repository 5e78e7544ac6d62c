using System.Globalization;

namespace TradeSentinel.Tests.Calibration;

/// <summary>
/// A tape small enough to measure by hand: a thin coin with a same-millisecond pair and small moves
/// (AAA), a thin coin with one pump (PPP: from a low of 1.0, +50% ten minutes later, half given back
/// within a minute) and a busy coin at one price (BUSY: 400 trades a second apart).
/// </summary>
internal static class CalibrationTape
{
    public const long Start = 1_672_531_200_000; // 2023-01-01T00:00Z
    public const long Minute = 60_000;

    public static void Write(string path)
    {
        var lines = new List<string>();
        void Trade(string symbol, long ts, double price, double qty) => lines.Add(string.Create(CultureInfo.InvariantCulture,
            $$$"""{"trade_id":"C{{{lines.Count + 1}}}","exchange":"test","ts":{{{Start + ts}}},"symbol":"{{{symbol}}}","price":{{{price}}},"qty":{{{qty}}},"taker_side":"buy","buyer":{"account_id":"A1","order_id":"O{{{lines.Count}}}b","channel":"web","api_key_id":null,"app_id":null,"client_ip":"10.0.0.1"},"seller":{"account_id":"A2","order_id":"O{{{lines.Count}}}s","channel":"web","api_key_id":null,"app_id":null,"client_ip":"10.0.0.2"}}"""));

        Trade("AAA-USDT", 0, 1.00, 100);
        Trade("AAA-USDT", 0, 1.00, 50);
        Trade("AAA-USDT", 2_000, 1.01, 200);
        Trade("AAA-USDT", 62_000, 1.00, 10);

        Trade("PPP-USDT", 0, 1.2, 3);
        Trade("PPP-USDT", 10 * Minute, 1.0, 1);
        Trade("PPP-USDT", 20 * Minute, 1.5, 1);
        Trade("PPP-USDT", 21 * Minute, 1.2, 1);
        Trade("PPP-USDT", 25 * Minute, 1.1, 1);
        Trade("PPP-USDT", 90 * Minute, 1.1, 1);

        for (var i = 0; i < 400; i++) Trade("BUSY-USDT", i * 1_000L, 2.0, 1);

        // In event-time order, as a venue writes its tape.
        File.WriteAllLines(path, lines.OrderBy(l => long.Parse(l.Split("\"ts\":")[1].Split(',')[0], CultureInfo.InvariantCulture)));
    }
}
