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
    private long _forgetDueAfter = long.MinValue; // the record count up to which no place can be given up

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
        if (_records > _forgetDueAfter) ForgetUnfollowed();
        if (ts <= _top[0]) return;
        // The lowest place goes; the places below ts shift down one (in a stream in order, all of them).
        var fits = FirstAtLeast(ts) - 1;
        Array.Copy(_top, 1, _top, 0, fits);
        Array.Copy(_takenAt, 1, _takenAt, 0, fits);
        Set(fits, ts, _records);
    }

    // The first place above the lowest that holds ts or more (the places are in order), or _count.
    private int FirstAtLeast(long ts)
    {
        int low = 1, high = _count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_top[mid] < ts) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    // Fills the free place at the end and moves ts down to where it belongs.
    private void Insert(int free, long ts)
    {
        var i = free;
        for (; i > 0 && _top[i - 1] > ts; i--) Move(i - 1, i);
        Set(i, ts, _records);
        _forgetDueAfter = long.MinValue; // the lowest place may have moved up: look again at the next record
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
        if (!forgot)
        {
            NextForgetDue();
            return;
        }
        // Forgotten places now hold the lowest value: restore the order (a few elements).
        for (var i = 1; i < _count; i++)
        {
            var (ts, at) = (_top[i], _takenAt[i]);
            var j = i;
            for (; j > 0 && _top[j - 1] > ts; j--) Move(j - 1, j);
            Set(j, ts, at);
        }
        NextForgetDue();
    }

    // Until the oldest place above the lowest value is forgetAfter records old, no place can be given
    // up: places are only ever filled anew or from one another, and one at the lowest value never rises
    // above it (that value only grows). So the next look can wait until then: one scan per forgetAfter
    // records in a stream in order, instead of one per record.
    private void NextForgetDue()
    {
        var oldest = _records;
        for (var i = 1; i < _count; i++)
            if (_top[i] > _top[0]) oldest = Math.Min(oldest, _takenAt[i]);
        _forgetDueAfter = oldest + _forgetAfter;
    }

    private void Move(int from, int to) => Set(to, _top[from], _takenAt[from]);

    private void Set(int i, long ts, long takenAt)
    {
        _top[i] = ts;
        _takenAt[i] = takenAt;
    }
}
