using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Validation;

namespace TradeSentinel.Ingest;

/// <summary>
/// The valid trades of a JSON Lines file (plain or gzip), in file order, refused lines skipped: for
/// offline readers (training, evaluation). The ingest worker reads its input itself, because it
/// dead-letters what it refuses.
/// </summary>
public static class TradeFile
{
    public static IEnumerable<TradeEvent> ReadValid(string path)
    {
        var parser = new TradeParser();
        using var input = InputFiles.Open(path);
        var reader = new JsonLinesReader(input, TradeParser.DefaultMaxRecordBytes);
        while (reader.TryRead(out var line, out _))
            if (parser.TryParse(line.Span, out var trade, out _))
                yield return trade;
    }
}
