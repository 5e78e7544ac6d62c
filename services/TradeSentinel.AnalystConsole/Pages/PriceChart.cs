using System.Text;
using TradeSentinel.AnalystConsole.Board;
using TradeSentinel.Core.Pipeline;
using static TradeSentinel.AnalystConsole.Pages.Html;

namespace TradeSentinel.AnalystConsole.Pages;

/// <summary>The symbol's price by minute around an incident (range bars and last price), the flagged fills marked in red: inline SVG, no script.</summary>
public static class PriceChart
{
    private const int Width = 900, Height = 260, Left = 70, Right = 10, Top = 10, Bottom = 30;

    public static string Svg(string symbol, IReadOnlyList<PriceMinute> minutes, IReadOnlyList<ScoredFill> flagged)
    {
        var marks = flagged.Where(f => f.Fill.Symbol == symbol).ToList();
        if (minutes.Count == 0 && marks.Count == 0) return $"""<p class="muted">No trades of {E(symbol)} in the console's memory.</p>""";
        var t0 = Math.Min(minutes.Count > 0 ? minutes[0].Ts : long.MaxValue, marks.Count > 0 ? marks.Min(f => f.Fill.Ts) : long.MaxValue);
        var t1 = Math.Max(minutes.Count > 0 ? minutes[^1].Ts + 60_000 : long.MinValue, marks.Count > 0 ? marks.Max(f => f.Fill.Ts) : long.MinValue);
        var p0 = Math.Min(minutes.Count > 0 ? minutes.Min(m => m.Low) : double.MaxValue, marks.Count > 0 ? marks.Min(f => f.Fill.Price) : double.MaxValue);
        var p1 = Math.Max(minutes.Count > 0 ? minutes.Max(m => m.High) : double.MinValue, marks.Count > 0 ? marks.Max(f => f.Fill.Price) : double.MinValue);
        if (t1 <= t0) t1 = t0 + 60_000;
        if (p1 <= p0) p1 = p0 * 1.01 + 1e-9;
        double X(long ts) => Left + (ts - t0) * (Width - Left - Right) / (double)(t1 - t0);
        double Y(double price) => Top + (p1 - price) * (Height - Top - Bottom) / (p1 - p0);

        var svg = new StringBuilder();
        svg.Append($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" role="img" aria-label="{E(symbol)} price around the incident">""");
        svg.Append($"""<rect x="{Left}" y="{Top}" width="{Width - Left - Right}" height="{Height - Top - Bottom}" fill="#fff" stroke="#ccd"/>""");
        foreach (var m in minutes)
            svg.Append($"""<line x1="{Num(X(m.Ts + 30_000), "0.#")}" x2="{Num(X(m.Ts + 30_000), "0.#")}" y1="{Num(Y(m.High), "0.#")}" y2="{Num(Y(m.Low), "0.#")}" stroke="#9ab" stroke-width="3"/>""");
        if (minutes.Count > 1)
            svg.Append("<polyline fill=\"none\" stroke=\"#246\" stroke-width=\"1.5\" points=\"")
               .AppendJoin(' ', minutes.Select(m => $"{Num(X(m.Ts + 30_000), "0.#")},{Num(Y(m.Last), "0.#")}")).Append("\"/>");
        foreach (var f in marks)
            svg.Append($"""<circle class="flagged" cx="{Num(X(f.Fill.Ts), "0.#")}" cy="{Num(Y(f.Fill.Price), "0.#")}" r="5" fill="#d00" fill-opacity="0.7"><title>{E(f.Fill.TradeId)} {E(f.Fill.Side)} {E(Num(f.Fill.Price))} at {E(Time(f.Fill.Ts))}</title></circle>""");
        svg.Append($"""<text x="{Left - 4}" y="{Top + 10}" text-anchor="end" font-size="11">{E(Num(p1, "G5"))}</text>""");
        svg.Append($"""<text x="{Left - 4}" y="{Height - Bottom}" text-anchor="end" font-size="11">{E(Num(p0, "G5"))}</text>""");
        svg.Append($"""<text x="{Left}" y="{Height - 10}" font-size="11">{E(Time(t0))} UTC</text>""");
        svg.Append($"""<text x="{Width - Right}" y="{Height - 10}" text-anchor="end" font-size="11">{E(Time(t1))} UTC</text>""");
        svg.Append("</svg>");
        return svg.ToString();
    }
}
