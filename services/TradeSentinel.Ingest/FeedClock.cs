using TradeSentinel.Core.EventTime;

namespace TradeSentinel.Ingest;

/// <summary>
/// How far one ordered feed (a file, or one partition of a venue's topic) has got in event time:
/// 16 outliers tolerated at once, and a jump of more than <see cref="IngestOptions.MaxUnconfirmedJumpMs"/>
/// held back until 256 records confirm it (see <see cref="OutlierResistantClock"/>).
/// </summary>
public sealed class FeedClock(IngestOptions options)
{
    private const int ConfirmingRecords = 256;
    private readonly OutlierResistantClock _clock = new(options.TimeOutliersTolerated, options.ForgetOutlierAfterRecords);
    private readonly OutlierResistantClock _confirmed = new(ConfirmingRecords, Math.Max(options.ForgetOutlierAfterRecords, 10 * ConfirmingRecords));

    public void Observe(long ts)
    {
        _clock.Observe(ts);
        _confirmed.Observe(ts);
    }

    /// <summary>Event time reached, or <see cref="long.MinValue"/> until enough records say.</summary>
    public long Now =>
        _clock.Now == long.MinValue ? long.MinValue : Math.Min(_clock.Now, _confirmed.Floor + options.MaxUnconfirmedJumpMs);
}
