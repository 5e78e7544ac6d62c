namespace TradeSentinel.Core.EventTime;

/// <summary>
/// How far a source's event time has advanced, read so that a few wrong timestamps cannot move it:
/// it is the (<c>tolerated</c> + 1)-th highest timestamp seen, not the highest. A record stamped a day
/// ahead (a clock glitch) or a trade from later in the feed placed early takes one of the top
/// places and moves nothing; once more than <c>tolerated</c> records show a later time, the stream
/// really is there. A top place that the stream does not follow within <c>forgetAfter</c> records
/// is given up, so outliers spread over a long feed never add up to a jump.
/// </summary>
public sealed class OutlierResistantClock
{
    // The highest timestamps seen, lowest first, and the record count at which each was taken.
    private readonly long[] _top;
    private readonly long[] _takenAt;
    private readonly int _forgetAfter;
    private int _count;
    private long _records;

    public OutlierResistantClock(int tolerated = 8, int forgetAfter = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tolerated);
        ArgumentOutOfRangeException.ThrowIfLessThan(forgetAfter, 1);
        _top = new long[tolerated + 1];
        _takenAt = new long[tolerated + 1];
        _forgetAfter = forgetAfter;
    }

    /// <summary>Event time the stream has reached, or <see cref="long.MinValue"/> until it has seen enough records to say.</summary>
    public long Now => _count < _top.Length ? long.MinValue : _top[0];

    /// <summary>The lowest timestamp among the top places (before they are all taken: the lowest seen), or <see cref="long.MinValue"/> before any record.</summary>
    public long Floor => _count == 0 ? long.MinValue : _top[0];

    public void Observe(long ts)
    {
        _records++;
        if (_count < _top.Length)
        {
            Insert(_count++, ts);
            return;
        }
        ForgetUnfollowed();
        if (ts <= _top[0]) return;
        // The lowest place goes; the others shift down until ts fits.
        var i = 0;
        for (; i + 1 < _count && _top[i + 1] < ts; i++) Move(i + 1, i);
        Set(i, ts, _records);
    }

    // Fills the free place at the end and moves ts down to where it belongs.
    private void Insert(int free, long ts)
    {
        var i = free;
        for (; i > 0 && _top[i - 1] > ts; i--) Move(i - 1, i);
        Set(i, ts, _records);
    }

    private void ForgetUnfollowed()
    {
        var forgot = false;
        for (var i = 1; i < _count; i++)
            if (_top[i] > _top[0] && _records - _takenAt[i] > _forgetAfter)
            {
                Set(i, _top[0], _records);
                forgot = true;
            }
        if (!forgot) return;
        // Forgotten places now hold the lowest value: restore the order (a few elements).
        for (var i = 1; i < _count; i++)
        {
            var (ts, at) = (_top[i], _takenAt[i]);
            var j = i;
            for (; j > 0 && _top[j - 1] > ts; j--) Move(j - 1, j);
            Set(j, ts, at);
        }
    }

    private void Move(int from, int to) => Set(to, _top[from], _takenAt[from]);

    private void Set(int i, long ts, long takenAt)
    {
        _top[i] = ts;
        _takenAt[i] = takenAt;
    }
}
