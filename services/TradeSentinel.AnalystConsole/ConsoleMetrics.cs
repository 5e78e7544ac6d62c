using System.Diagnostics.Metrics;
using TradeSentinel.AnalystConsole.Board;

namespace TradeSentinel.AnalystConsole;

/// <summary>The console's instruments. Labels are decisions, outcomes and topics: never a user, account or alert id.</summary>
public sealed class ConsoleMetrics
{
    public const string MeterName = "TradeSentinel.Console";

    private readonly Meter _meter;

    public Counter<long> Decisions { get; }
    public Counter<long> SignIns { get; }
    public Counter<long> SuppressionsRevoked { get; }
    public Counter<long> RecordsSkipped { get; }

    public ConsoleMetrics(ConsoleBoard board, IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        Decisions = _meter.CreateCounter<long>("sentinel.console.decisions", description: "Decisions recorded, by decision");
        SignIns = _meter.CreateCounter<long>("sentinel.console.sign_ins", description: "Local sign-in attempts, by outcome");
        SuppressionsRevoked = _meter.CreateCounter<long>("sentinel.console.suppressions_revoked", description: "Allowlist entries revoked");
        RecordsSkipped = _meter.CreateCounter<long>("sentinel.console.records_skipped", description: "Topic records the console could not read, by topic");
        _meter.CreateObservableGauge("sentinel.console.recommendations", () => board.RecommendationCount, description: "Recommendations in the console's read model");
        _meter.CreateObservableGauge("sentinel.console.caught_up", () => board.CaughtUp ? 1 : 0, description: "1 once the read model has read the topics to their end at start");
    }

}
