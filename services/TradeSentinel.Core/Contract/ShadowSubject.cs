namespace TradeSentinel.Core.Contract;

/// <summary>One subject of a <see cref="ShadowDiff"/>, described by the first recommendation the model that raised it made on it.</summary>
public sealed class ShadowSubject
{
    /// <summary>action:entity, as an analyst's decision and a suppression name it.</summary>
    public required string Subject { get; init; }
    public required string Action { get; init; }
    public string? AccountId { get; init; }
    public string? ApiKeyId { get; init; }
    public string? AppId { get; init; }
    public string? Symbol { get; init; }
    public required string Severity { get; init; }
    public double Score { get; init; }

    /// <summary>Event time (ms) of the first recommendation on the subject.</summary>
    public long Ts { get; init; }
    public required string AlertId { get; init; }

    /// <summary>How many recommendations the model raised on the subject in the stream.</summary>
    public int Recommendations { get; init; }

    /// <summary>The first recommendation's reasons, in words.</summary>
    public required IReadOnlyList<string> Reasons { get; init; }
}
