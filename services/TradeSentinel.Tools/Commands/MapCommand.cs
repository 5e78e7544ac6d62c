using System.Text.Json;
using TradeSentinel.Core;
using TradeSentinel.Core.Validation;
using TradeSentinel.Ingest;
using TradeSentinel.Ingest.Mapping;
using TradeSentinel.Service;

namespace TradeSentinel.Tools.Commands;

/// <summary>
/// <c>sentinel map --mapping M --input F|-</c>: a venue mapping tried on a sample of the venue's
/// records, offline: each record's TradeEvent v1 on standard output, each refusal (line, reason,
/// detail) on standard error. Exits 1 when any record was refused. What the ingest worker would do
/// with the same records on the venue's topic, before any broker is involved.
/// </summary>
public static class MapCommand
{
    public static int Run(string[] args)
    {
        var mappingPath = CommandLine.Required(args, "--Ingest:Mapping");
        var input = CommandLine.Required(args, "--Ingest:Input");
        VenueMapping mapping;
        try
        {
            mapping = VenueMapping.Load(mappingPath);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
        var mapper = new VenueRecordMapper(mapping);
        using var stream = InputFiles.Open(input);
        var reader = new JsonLinesReader(stream, TradeParser.DefaultMaxRecordBytes);
        using var output = new StreamWriter(Console.OpenStandardOutput());
        long mapped = 0, refused = 0;
        while (reader.TryRead(out var line, out var fullLength))
        {
            Rejection rejection;
            if (fullLength > TradeParser.DefaultMaxRecordBytes) rejection = new(Rejection.TooLarge, $"record is {fullLength} bytes");
            else if (mapper.TryMap(line.Span, out var trade, out rejection))
            {
                output.WriteLine(JsonSerializer.Serialize(trade, SentinelJson.Default.TradeEvent));
                mapped++;
                continue;
            }
            refused++;
            Console.Error.WriteLine($"line {reader.LineNumber}: {rejection.Reason}: {Printable(rejection.Detail)}");
        }
        output.Flush();
        Console.Error.WriteLine($"mapped {mapped}, refused {refused}");
        return refused > 0 ? 1 : 0;
    }

    // A detail quotes the record: nothing it holds may act on the terminal.
    private static string Printable(string s) => string.Concat(s.Select(c => c is >= ' ' and <= '~' ? c : '?'));
}
