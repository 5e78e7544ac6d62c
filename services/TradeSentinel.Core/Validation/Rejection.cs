namespace TradeSentinel.Core.Validation;

/// <summary>Why a record was refused: a code for metrics, a sentence for people.</summary>
public readonly record struct Rejection(string Reason, string Detail)
{
    public const string InvalidJson = "invalid_json";
    public const string InvalidUtf8 = "invalid_utf8";
    public const string MissingField = "missing_field";
    public const string InvalidField = "invalid_field";
    public const string TooLarge = "too_large";
    public const string DuplicateTrade = "duplicate_trade";
    public const string LateEvent = "late_event";
    public const string ValueOutOfRange = "value_out_of_range";
    public const string TsOutlier = "ts_outlier";

    /// <summary>A venue's record that its mapping cannot turn into a TradeEvent (a field of the wrong kind, a value outside its vocabulary).</summary>
    public const string Unmappable = "unmappable";

    /// <summary>A record on an internal topic that no stage of this version wrote (or that was damaged).</summary>
    public const string Undecodable = "undecodable";
}
