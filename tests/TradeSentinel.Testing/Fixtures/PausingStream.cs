namespace TradeSentinel.Tests.Fixtures;

/// <summary>
/// A read-only stream that stops after a share of its bytes until <c>resume</c> completes: a feed
/// paused mid-way, so that a fault injected meanwhile provably lands while work remains.
/// </summary>
public sealed class PausingStream(Stream inner, long pauseAt, Task resume) : Stream
{
    private long _position;

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position < pauseAt) count = (int)Math.Min(count, pauseAt - _position);
        else resume.Wait();
        var read = inner.Read(buffer, offset, count);
        _position += read;
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
