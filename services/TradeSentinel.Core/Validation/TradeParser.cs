using System.Text;
using System.Text.Json;
using TradeSentinel.Core.Contract;

namespace TradeSentinel.Core.Validation;

/// <summary>Turns one raw JSON line into a validated <see cref="TradeEvent"/> or a <see cref="Rejection"/>.</summary>
public sealed class TradeParser(int maxRecordBytes = TradeParser.DefaultMaxRecordBytes)
{
    public const int DefaultMaxRecordBytes = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public bool TryParse(ReadOnlySpan<byte> line, out TradeEvent trade, out Rejection rejection)
    {
        trade = null!;
        if (line.Length > maxRecordBytes)
        {
            rejection = new(Rejection.TooLarge, $"record is {line.Length} bytes; the limit is {maxRecordBytes}");
            return false;
        }
        if (!IsValidUtf8(line))
        {
            rejection = new(Rejection.InvalidUtf8, "record is not valid UTF-8");
            return false;
        }
        try
        {
            var parsed = JsonSerializer.Deserialize(line, SentinelJson.Default.TradeEvent);
            if (parsed is null)
            {
                rejection = new(Rejection.InvalidJson, "record is JSON null, not an object");
                return false;
            }
            trade = parsed;
        }
        catch (JsonException e)
        {
            rejection = new(Rejection.InvalidJson, DescribeJsonError(e));
            return false;
        }
        return TradeValidator.TryValidate(trade, out rejection);
    }

    private static bool IsValidUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            StrictUtf8.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    // The serializer's message names the JSON path; the line/byte position is noise for an analyst.
    private static string DescribeJsonError(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd(' ', '|', '.');
    }
}
