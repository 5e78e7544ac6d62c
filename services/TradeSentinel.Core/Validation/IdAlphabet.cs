namespace TradeSentinel.Core.Validation;

/// <summary>
/// The contract's alphabet for ids (trade, exchange, account, order, key, app, client address):
/// 1 to <see cref="MaxLength"/> characters of printable ASCII without space (U+0021 to U+007E).
/// Everything the pipeline builds from an id (Redis keys and members, Kafka keys and headers, log
/// lines, alert ids) relies on it: no control character, separator, line break or non-ASCII byte
/// can reach them. The space is outside it, so it joins ids unambiguously (see <see cref="TradeKey"/>).
/// </summary>
public static class IdAlphabet
{
    public const int MaxLength = 128;

    /// <summary>The same rule as a JSON Schema pattern (schemas/trade-event.v1.schema.json).</summary>
    public const string Pattern = "^[!-~]{1,128}$";

    /// <summary>A character that never occurs in an id, to join ids into one string.</summary>
    public const char Joiner = ' ';

    public static bool IsValid(string? id) => id is not null && Problem(id) is null;

    /// <summary>Why <paramref name="id"/> is not a valid id (no part of the id itself, which may be hostile), or null.</summary>
    public static string? Problem(string id)
    {
        if (id.Length == 0) return "is empty";
        if (id.Length > MaxLength) return $"is {id.Length} characters long; the limit is {MaxLength}";
        for (var i = 0; i < id.Length; i++)
            if (id[i] is < '!' or > '~')
                return $"has U+{(int)id[i]:X4} at position {i}; ids are printable ASCII without space";
        return null;
    }
}
