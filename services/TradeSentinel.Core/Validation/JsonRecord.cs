using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TradeSentinel.Core.Validation;

/// <summary>Reads one JSON record, or says why it cannot be read: the first check of every stage's input.</summary>
public static class JsonRecord
{
    public static bool TryRead<T>(ReadOnlySpan<byte> utf8, JsonTypeInfo<T> type, [NotNullWhen(true)] out T? item, out Rejection rejection)
        where T : class
    {
        rejection = default;
        try
        {
            item = JsonSerializer.Deserialize(utf8, type);
        }
        catch (JsonException e)
        {
            item = null;
            rejection = new(Rejection.InvalidJson, Describe(e));
            return false;
        }
        if (item is not null) return true;
        rejection = new(Rejection.InvalidJson, "record is JSON null, not an object");
        return false;
    }

    // The serializer's message names the JSON path; the line/byte position is noise for an analyst.
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd(' ', '|', '.');
    }
}
