using System.Text;
using TradeSentinel.Ingest;

namespace TradeSentinel.Tests.Ingest;

public class JsonLinesReaderTests
{
    private static List<(string Line, long Length, long Number)> ReadAll(string text, int max)
    {
        var reader = new JsonLinesReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), max);
        var lines = new List<(string, long, long)>();
        while (reader.TryRead(out var line, out var length)) lines.Add((Encoding.UTF8.GetString(line.Span), length, reader.LineNumber));
        return lines;
    }

    [Fact]
    public void Reads_lines_with_crlf_blank_lines_and_no_final_newline()
    {
        var lines = ReadAll("{\"a\":1}\r\n\n{\"b\":2}\n{\"c\":3}", 100);
        Assert.Equal(["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"], lines.Select(l => l.Line));
        Assert.Equal([1L, 3L, 4L], lines.Select(l => l.Number));
    }

    [Fact]
    public void Oversized_line_is_reported_with_its_length_and_the_next_line_survives()
    {
        var huge = new string('x', 10 * 1024 * 1024);
        var lines = ReadAll($"{{\"a\":1}}\n{huge}\n{{\"b\":2}}\n", 64 * 1024);
        Assert.Equal(3, lines.Count);
        Assert.Equal(huge.Length, lines[1].Length);
        Assert.True(lines[1].Line.Length <= 4096);
        Assert.Equal("{\"b\":2}", lines[2].Line);
        Assert.Equal(3, lines[2].Number);
    }

    [Fact]
    public void Lines_spanning_many_buffer_refills_are_read_whole()
    {
        var lines = Enumerable.Range(0, 5000).Select(i => $"{{\"trade_id\":\"T{i}\",\"pad\":\"{new string('p', i % 300)}\"}}").ToList();
        var read = ReadAll(string.Join("\n", lines) + "\n", 64 * 1024);
        Assert.Equal(lines, read.Select(l => l.Line));
    }
}
