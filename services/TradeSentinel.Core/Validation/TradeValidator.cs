using TradeSentinel.Core.Contract;

namespace TradeSentinel.Core.Validation;

/// <summary>The rules of contract section 1, applied to a deserialised record.</summary>
public static class TradeValidator
{
    public const string DefaultExchange = "default";

    /// <summary>
    /// Bounds that keep every amount the pipeline derives finite: a notional (price × qty, in QUOTE)
    /// above a quadrillion or a QUOTE worth more than 10 million USD is no real trade, and past them
    /// USD values and window sums could overflow to infinity. The last millisecond of year 9999 bounds
    /// <c>ts</c> (beyond it no date type can show it, and it could reach the end-of-stream mark).
    /// </summary>
    public const double MaxAmount = 1e15;
    public const double MaxQuoteUsd = 1e7;
    public const long MaxTs = 253_402_300_799_999;
    private static readonly string[] Sides = ["buy", "sell"];
    private static readonly string[] Channels = ["web", "mobile", "api"];

    public static bool TryValidate(TradeEvent t, out Rejection rejection)
    {
        rejection = default;
        if (string.IsNullOrEmpty(t.TradeId)) return Missing("trade_id", out rejection);
        if (!IsId(t.TradeId, null, "trade_id", out rejection)) return false;
        if (t.Exchange is not null && !IsId(t.Exchange, null, "exchange", out rejection)) return false;
        if (t.Ts is null) return Missing("ts", out rejection);
        if (t.Ts <= 0) return Invalid($"ts {t.Ts} is not a positive epoch-millisecond time", out rejection);
        if (t.Ts > MaxTs) return OutOfRange($"ts {t.Ts} is after the year 9999", out rejection);
        if (string.IsNullOrEmpty(t.Symbol)) return Missing("symbol", out rejection);
        if (!IsSymbol(t.Symbol)) return Invalid($"symbol '{Clip(t.Symbol)}' is not BASE-QUOTE in upper case", out rejection);
        if (t.Price is null) return Missing("price", out rejection);
        if (!IsPositiveFinite(t.Price.Value)) return Invalid($"price {t.Price} is not a finite number > 0", out rejection);
        if (t.Qty is null) return Missing("qty", out rejection);
        if (!IsPositiveFinite(t.Qty.Value)) return Invalid($"qty {t.Qty} is not a finite number > 0", out rejection);
        if (t.Price > MaxAmount || t.Qty > MaxAmount || t.Price * t.Qty > MaxAmount)
            return OutOfRange($"price {t.Price} × qty {t.Qty} is beyond {MaxAmount:0e0} (each, and their product)", out rejection);
        if (t.TakerSide is null) return Missing("taker_side", out rejection);
        if (!Sides.Contains(t.TakerSide)) return Invalid($"taker_side '{Clip(t.TakerSide)}' is not buy or sell", out rejection);
        if (t.QuoteUsd is { } q && !IsPositiveFinite(q)) return Invalid($"quote_usd {q} is not a finite number > 0", out rejection);
        if (t.QuoteUsd > MaxQuoteUsd) return OutOfRange($"quote_usd {t.QuoteUsd} is above {MaxQuoteUsd:0e0}", out rejection);
        if (!TryValidateParty(t.Buyer, "buyer", out rejection)) return false;
        if (!TryValidateParty(t.Seller, "seller", out rejection)) return false;
        if (t.Buyer!.AccountId == t.Seller!.AccountId)
            return Invalid($"buyer and seller are the same account '{Clip(t.Buyer.AccountId!)}'", out rejection);
        t.Exchange ??= DefaultExchange;
        return true;
    }

    private static bool TryValidateParty(TradeParty? p, string name, out Rejection rejection)
    {
        rejection = default;
        if (p is null) return Missing(name, out rejection);
        if (string.IsNullOrEmpty(p.AccountId)) return Missing($"{name}.account_id", out rejection);
        if (!IsId(p.AccountId, name, "account_id", out rejection)) return false;
        if (p.Channel is null) return Missing($"{name}.channel", out rejection);
        if (!Channels.Contains(p.Channel))
            return Invalid($"{name}.channel '{Clip(p.Channel)}' is not web, mobile or api", out rejection);
        if (p.OrderId is not null && !IsId(p.OrderId, name, "order_id", out rejection)) return false;
        if (p.ApiKeyId is not null && !IsId(p.ApiKeyId, name, "api_key_id", out rejection)) return false;
        if (p.AppId is not null && !IsId(p.AppId, name, "app_id", out rejection)) return false;
        if (p.ClientIp is not null && !IsId(p.ClientIp, name, "client_ip", out rejection)) return false;
        return true;
    }

    // The field's name is put together only for a refusal: this runs for every id of every trade, twice (ingest and market).
    private static bool IsId(string id, string? party, string field, out Rejection rejection)
    {
        rejection = default;
        return IdAlphabet.Problem(id) is not { } problem
            || Invalid(party is null ? $"{field} {problem}" : $"{party}.{field} {problem}", out rejection);
    }

    /// <summary><c>BASE-QUOTE</c>: upper-case letters and digits either side of one dash, at most 128 characters.</summary>
    public static bool IsSymbol(string? s)
    {
        if (s is null || s.Length > IdAlphabet.MaxLength) return false;
        var dash = s.IndexOf('-');
        if (dash <= 0 || dash == s.Length - 1 || s.IndexOf('-', dash + 1) >= 0) return false;
        foreach (var c in s)
            if (c != '-' && !char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c)) return false;
        return true;
    }

    private static bool IsPositiveFinite(double v) => double.IsFinite(v) && v > 0;

    // Values echoed into a reason are cut short: a hostile feed must not inflate dead letters.
    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static bool Missing(string field, out Rejection r)
    {
        r = new(Rejection.MissingField, $"required field {field} is missing or null");
        return false;
    }

    private static bool OutOfRange(string detail, out Rejection r)
    {
        r = new(Rejection.ValueOutOfRange, detail);
        return false;
    }

    private static bool Invalid(string detail, out Rejection r)
    {
        r = new(Rejection.InvalidField, detail);
        return false;
    }
}
