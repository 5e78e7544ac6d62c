using TradeSentinel.Core.Contract;

namespace TradeSentinel.Core.Validation;

/// <summary>Turns one raw JSON line into a validated <see cref="TradeEvent"/> or a <see cref="Rejection"/>.</summary>
public sealed class TradeParser(int maxRecordBytes = TradeParser.DefaultMaxRecordBytes)
{
    public const int DefaultMaxRecordBytes = 64 * 1024;

    public bool TryParse(ReadOnlySpan<byte> line, out TradeEvent trade, out Rejection rejection)
    {
        trade = null!;
        if (line.Length > maxRecordBytes)
        {
            rejection = new(Rejection.TooLarge, $"record is {line.Length} bytes; the limit is {maxRecordBytes}");
            return false;
        }
        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            rejection = new(Rejection.InvalidUtf8, "record is not valid UTF-8");
            return false;
        }
        if (!JsonRecord.TryRead(line, SentinelJson.Default.TradeEvent, out var parsed, out rejection)) return false;
        trade = parsed;
        return TradeValidator.TryValidate(trade, out rejection);
    }
}
