namespace TradeSentinel.Infrastructure.Streaming;

/// <summary>
/// Where a record was read: a file's line, or a topic's partition and offset. Put into words only
/// when the record is refused: its dead letter's <c>source</c>, the one spelling every stage uses.
/// </summary>
public readonly record struct RecordOrigin(string Source, int Partition, long Position)
{
    public static RecordOrigin Line(string file, long line) => new(file, -1, line);

    public static RecordOrigin Offset(string topic, int partition, long offset) => new(topic, partition, offset);

    public override string ToString() => Partition < 0 ? $"{Source}:{Position}" : $"{Source}/{Partition}@{Position}";
}
