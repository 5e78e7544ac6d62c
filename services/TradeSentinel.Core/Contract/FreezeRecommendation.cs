namespace TradeSentinel.Core.Contract;

/// <summary>
/// FreezeRecommendation (contract section 2): the v1 fields, then v2's additions, which v1 readers
/// ignore (schemas/freeze-recommendation.v2.schema.json).
/// </summary>
public sealed class FreezeRecommendation
{
    /// <summary>Settable: a recommendation of a subject's later incident gets the incident's opening trade appended.</summary>
    public required string AlertId { get; set; }
    public long Ts { get; init; }
    public required string Action { get; init; }
    public string? Role { get; init; }
    public string? AccountId { get; init; }
    public string? ApiKeyId { get; init; }
    public string? AppId { get; init; }
    public string? Symbol { get; init; }
    public required string Severity { get; init; }
    public double Score { get; init; }
    public required IReadOnlyList<AlertReason> Reasons { get; init; }
    public required IReadOnlyList<string> TradeIds { get; init; }
    public required string ModelVersion { get; init; }

    /// <summary>2 for a record with the fields below.</summary>
    public int? SchemaVersion { get; set; }

    /// <summary>Event time (ms) at which the alerter decided it: the deciding fill's, never the wall clock, so a replay gives the same.</summary>
    public long? DetectedAt { get; set; }

    public string? Exchange { get; set; }

    /// <summary>
    /// The incident this recommendation belongs to: its subject and the trade that opened it. The same
    /// across replays and restarts; a new one when the subject comes back after
    /// <c>Alerting:IncidentGapMinutes</c> of event time without a recommendation.
    /// </summary>
    public string? IncidentId { get; set; }

    /// <summary>
    /// The incident of an open, broader recommendation that already covers this one (a key of an app
    /// whose keys are all being revoked): not new work, kept as evidence.
    /// </summary>
    public string? CoveredBy { get; set; }

    public AlertEvidence? Evidence { get; set; }
}
