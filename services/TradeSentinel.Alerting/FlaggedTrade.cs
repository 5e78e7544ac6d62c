using System.Globalization;

namespace TradeSentinel.Alerting;

/// <summary>A flagged fill as remembered in its account's window: the trade, the side and its USD value.</summary>
public sealed record FlaggedTrade(string TradeId, string Side, double Usd)
{
    private const char Separator = '\u001f'; // outside the id alphabet: no trade id can contain it

    public string ToMember() => string.Join(Separator, TradeId, Side, Usd.ToString("R", CultureInfo.InvariantCulture));

    public static FlaggedTrade FromMember(string member)
    {
        var parts = member.Split(Separator);
        return new FlaggedTrade(parts[0], parts.Length > 1 ? parts[1] : "",
            parts.Length > 2 && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var usd) ? usd : 0);
    }
}
