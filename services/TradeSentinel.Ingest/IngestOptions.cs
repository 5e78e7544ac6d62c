using System.ComponentModel.DataAnnotations;
namespace TradeSentinel.Ingest;

/// <summary>Configuration section <c>Ingest</c>.</summary>
public sealed class IngestOptions : IValidatableObject
{
    public const string Section = "Ingest";

    /// <summary>JSON Lines file to read (plain or .gz), or <c>-</c> for standard input.</summary>
    public string Input { get; set; } = "-";

    /// <summary>A venue's Kafka topic to ingest instead of <see cref="Input"/> (in the consumer group <c>{GroupPrefix}.ingest.{topic}</c>).</summary>
    public string? FromTopic { get; set; }

    /// <summary>A venue mapping file (JSON, see <c>deploy/mappings/</c>) for records of <see cref="FromTopic"/> that are not TradeEvent v1.</summary>
    public string? Mapping { get; set; }

    /// <summary>
    /// Stop once every partition of <see cref="FromTopic"/> has been read to its end, and promise the
    /// end of the stream as a file's end does: to replay a topic. Live ingest never stops.
    /// </summary>
    public bool StopAtTopicEnd { get; set; }

    /// <summary>How often the offsets of a venue topic's records now on the trades topic are stored (and so committed).</summary>
    public int TopicCheckpointMs { get; set; } = 500;

    /// <summary>How far out of event-time order a record may arrive before it is refused as late.</summary>
    [Range(0, 86_400_000)]
    public long AllowedLatenessMs { get; set; } = 2_000;

    /// <summary>A watermark goes out after this many records, or once event time advanced <see cref="WatermarkIntervalMs"/>, and when the input ends.</summary>
    [Range(1, int.MaxValue)]
    public int WatermarkEvery { get; set; } = 500;

    /// <summary>
    /// Event time between watermarks, whatever the record count: on a quiet live feed it bounds how
    /// long a trade waits to be released (with <see cref="AllowedLatenessMs"/>).
    /// </summary>
    [Range(1, 3_600_000)]
    public long WatermarkIntervalMs { get; set; } = 200;

    /// <summary>
    /// How many records stamped ahead of the stream are tolerated without moving event time (see
    /// <see cref="Core.EventTime.OutlierResistantClock"/>): a clock glitch or a record placed early is
    /// held back by the next stages until the stream reaches it, and refuses no one.
    /// </summary>
    [Range(0, 10_000)]
    public int TimeOutliersTolerated { get; set; } = 16;

    /// <summary>Records after which an outlier the stream has not followed stops counting against the tolerance.</summary>
    [Range(1, int.MaxValue)]
    public int ForgetOutlierAfterRecords { get; set; } = 1_000;

    /// <summary>
    /// How far event time may jump on the word of a few records: beyond it, a jump waits until 256
    /// records show it (a feed resuming after a gap does at once; a burst of glitched timestamps
    /// then costs at most this much of valid trades instead of the rest of the feed).
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxUnconfirmedJumpMs { get; set; } = 300_000;

    /// <summary>
    /// A live feed's record stamped further than this ahead of this machine's clock is refused as
    /// <c>ts_outlier</c>. 0 turns the check off: replays and evaluations do, so that a file gives the
    /// same alerts whatever the wall clock.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long MaxAheadOfWallClockMs { get; set; } = 300_000;

    /// <summary>
    /// A live feed quiet for this long (wall clock) has its watermark moved on by the time that
    /// passed, so the last trades before a lull are scored without waiting for the next trade. 0 turns
    /// it off: replays do (a file's time is its records', whatever the wall clock).
    /// </summary>
    [Range(0, long.MaxValue)]
    public long IdleAfterMs { get; set; } = 1_000;

    /// <summary>How many recent trade ids are remembered to refuse duplicates.</summary>
    [Range(1, 100_000_000)]
    public int DuplicateWindow { get; set; } = 500_000;

    /// <summary>Records above this size are refused without being parsed.</summary>
    [Range(256, 16 * 1024 * 1024)]
    public int MaxRecordBytes { get; set; } = 64 * 1024;

    /// <summary>This worker's index among <see cref="Sources"/> ingest workers feeding the same topic.</summary>
    [Range(0, 1_000_000)]
    public int SourceId { get; set; }

    [Range(1, 1_000_000)]
    public int Sources { get; set; } = 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SourceId >= Sources)
            yield return new ValidationResult($"Ingest:SourceId ({SourceId}) must be below Ingest:Sources ({Sources})", [nameof(SourceId)]);
    }
}
