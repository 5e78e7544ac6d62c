namespace TradeSentinel.Core.Pipeline;

/// <summary>A record refused by a stage, with why; written to the dead-letter topic.</summary>
public sealed class DeadLetter
{
    /// <summary>Low-cardinality reason code, also the metric label.</summary>
    public string Reason { get; set; } = "";

    /// <summary>Human-readable specifics: which field, what was wrong.</summary>
    public string Detail { get; set; } = "";

    /// <summary>Where the record came from: <c>file.jsonl:123</c>, <c>topic/partition@offset</c>.</summary>
    public string Source { get; set; } = "";

    /// <summary>The record as received (UTF-8, cut at <see cref="MaxRawChars"/>; invalid bytes replaced).</summary>
    public string Raw { get; set; } = "";

    public const int MaxRawChars = 4096;
}
