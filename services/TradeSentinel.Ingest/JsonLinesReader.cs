namespace TradeSentinel.Ingest;

/// <summary>
/// Reads newline-separated records from a stream without ever holding more than
/// <c>maxLineBytes</c> of one line: an oversized line is skipped and reported by its first bytes
/// and its full length, so the caller can refuse it.
/// </summary>
public sealed class JsonLinesReader(Stream stream, int maxLineBytes)
{
    private byte[] _buffer = new byte[Math.Max(64 * 1024, maxLineBytes + 1)];
    private int _start;
    private int _end;
    private bool _eof;
    private byte[] _excerpt = [];

    /// <summary>How much of an oversized line is kept, as evidence for its dead letter.</summary>
    private const int ExcerptBytes = 4096;

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// The next non-empty line (valid until the next call) and its full length in bytes, which
    /// exceeds <c>line.Length</c> when the line was cut.
    /// </summary>
    public bool TryRead(out ReadOnlyMemory<byte> line, out long fullLength)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                LineNumber++;
                line = Trim(_buffer.AsMemory(_start, newline - _start));
                fullLength = line.Length;
                _start = newline + 1;
                if (line.Length > 0) return true;
                continue;
            }
            if (_end - _start > maxLineBytes)
            {
                LineNumber++;
                _excerpt = _buffer.AsSpan(_start, Math.Min(ExcerptBytes, _end - _start)).ToArray();
                fullLength = SkipRestOfLine();
                line = _excerpt;
                return true;
            }
            if (_eof)
            {
                if (_start == _end) break;
                LineNumber++;
                line = Trim(_buffer.AsMemory(_start, _end - _start));
                fullLength = line.Length;
                _start = _end;
                if (line.Length > 0) return true;
                continue;
            }
            Fill();
        }
        line = default;
        fullLength = 0;
        return false;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _eof = true;
        _end += read;
    }

    // Discards the oversized line up to and including its newline; returns its length.
    private long SkipRestOfLine()
    {
        long length = 0;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                length += newline - _start;
                _start = newline + 1;
                return length;
            }
            length += _end - _start;
            _start = _end = 0;
            if (_eof) return length;
            var read = stream.Read(_buffer, 0, _buffer.Length);
            if (read == 0) _eof = true;
            _end = read;
        }
    }

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> line) =>
        line.Length > 0 && line.Span[^1] == (byte)'\r' ? line[..^1] : line;
}
