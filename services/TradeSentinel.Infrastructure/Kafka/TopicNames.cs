namespace TradeSentinel.Infrastructure.Kafka;

/// <summary>The pipeline's topics; see the README's topology for keys and producers.</summary>
public sealed class TopicNames
{
    /// <summary>Validated TradeEvents, keyed by symbol (the market stage needs a symbol's whole tape).</summary>
    public string Trades { get; set; } = "sentinel.trades";

    /// <summary>Two fills per trade with market context, keyed by account.</summary>
    public string Fills { get; set; } = "sentinel.fills";

    /// <summary>Fills tagged with score and reasons, keyed by account.</summary>
    public string Scored { get; set; } = "sentinel.scored";

    /// <summary>FreezeRecommendation v1, keyed by the entity the alert names.</summary>
    public string Alerts { get; set; } = "sentinel.alerts";

    /// <summary>Refused records with their reason, keyed by reason.</summary>
    public string DeadLetters { get; set; } = "sentinel.deadletter";

    /// <summary>AnalystDecision v1 from the console, keyed by alert id; compacted (the latest decision per recommendation).</summary>
    public string Decisions { get; set; } = "sentinel.decisions";

    public IEnumerable<string> All => [Trades, Fills, Scored, Alerts, DeadLetters, Decisions];
}
