namespace TradeSentinel.Core.EventTime;

/// <summary>
/// A promise travelling in-band on a partition: source <see cref="Source"/> (one of
/// <see cref="Sources"/> upstream producers) will put no more records with ts below
/// <see cref="Value"/> on this partition. Stages release buffered records in event-time order
/// only below the smallest promise of all sources, which makes every replay deterministic no
/// matter how fast each partition was read.
/// </summary>
public sealed record Watermark(long Value, int Source, int Sources)
{
    /// <summary>The end of a finite stream (a replayed file): everything may be released.</summary>
    public const long EndOfStream = long.MaxValue;

    /// <summary>Kafka header that marks a record as a watermark rather than data.</summary>
    public const string Header = "sentinel-watermark";
}
