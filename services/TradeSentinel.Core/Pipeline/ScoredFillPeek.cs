using System.Text.Json;

namespace TradeSentinel.Core.Pipeline;

/// <summary>
/// Tells from a tagged fill's first bytes, without parsing the rest, that the alerter has nothing
/// to correlate in it. The scorer writes <c>flagged</c>, <c>only_wins_off_market</c>, <c>lost_off_market</c> and
/// <c>lost_in_crowd</c> first;
/// a record that starts otherwise (another writer, or malformed) is not judged here: the caller
/// parses it in full, so this only ever saves work, it never changes an outcome.
/// </summary>
public static class ScoredFillPeek
{
    private static ReadOnlySpan<byte> FlaggedName => "flagged"u8;
    private static ReadOnlySpan<byte> OnlyWinsName => "only_wins_off_market"u8;
    private static ReadOnlySpan<byte> LostName => "lost_off_market"u8;
    private static ReadOnlySpan<byte> LostInCrowdName => "lost_in_crowd"u8;

    /// <summary>
    /// False only for a record that begins
    /// <c>{"flagged":false,"only_wins_off_market":false,"lost_off_market":false,"lost_in_crowd":false</c> (whitespace aside).
    /// </summary>
    public static bool MayNeedCorrelation(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: false, state: default);
        try
        {
            return !(reader.Read() && reader.TokenType == JsonTokenType.StartObject
                && IsFalse(ref reader, FlaggedName) && IsFalse(ref reader, OnlyWinsName) && IsFalse(ref reader, LostName) && IsFalse(ref reader, LostInCrowdName));
        }
        catch (JsonException)
        {
            return true;
        }
    }

    private static bool IsFalse(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(name)
        && reader.Read() && reader.TokenType == JsonTokenType.False;
}
