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

    /// <summary>ShadowDiff v1 from <c>sentinel shadow</c>, keyed by the candidate model's version; compacted (the latest comparison per candidate).</summary>
    public string Shadow { get; set; } = "sentinel.shadow";

    /// <summary>The topics keeping only the latest record per key.</summary>
    public IEnumerable<string> Compacted => [Decisions, Shadow];

    public IEnumerable<string> All => [Trades, Fills, Scored, Alerts, DeadLetters, Decisions, Shadow];

    /// <summary>
    /// The same topics with <paramref name="run"/> appended to each name (<c>sentinel.trades.RUN</c>): a
    /// pipeline run on them shares nothing with one on the usual names.
    /// </summary>
    public TopicNames For(string run) => new()
    {
        Trades = $"{Trades}.{run}",
        Fills = $"{Fills}.{run}",
        Scored = $"{Scored}.{run}",
        Alerts = $"{Alerts}.{run}",
        DeadLetters = $"{DeadLetters}.{run}",
        Decisions = $"{Decisions}.{run}",
        Shadow = $"{Shadow}.{run}",
    };
}
