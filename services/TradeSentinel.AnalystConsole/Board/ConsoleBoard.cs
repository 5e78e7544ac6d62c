using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Pipeline;

namespace TradeSentinel.AnalystConsole.Board;

/// <summary>
/// The console's read model, in memory: every recommendation of the alert topic with its latest
/// decision, the flagged fills (the evidence), each symbol's price by minute and each account's
/// usual trading. Rebuilt from the topics at every start (see the README: the topics are the
/// record; a second store would only have to be kept in step with them).
/// </summary>
public sealed class ConsoleBoard
{
    /// <summary>Bounds for a feed with unbounded symbols, accounts or flagged fills: the oldest go first.</summary>
    public const int MaxSymbols = 50_000;
    public const int MaxAccounts = 2_000_000;
    public const int MaxEvidenceTrades = 500_000;

    private readonly Lock _lock = new();
    private readonly List<Recommendation> _recommendations = [];
    private readonly Dictionary<string, Recommendation> _byAlertId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AnalystDecision> _decisionsBeforeAlert = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ScoredFill>> _evidence = new(StringComparer.Ordinal);
    private readonly Queue<string> _evidenceOrder = new();
    private readonly Dictionary<string, PriceTape> _tapes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccountHistory> _accounts = new(StringComparer.Ordinal);
    private List<Incident>? _incidents;

    private volatile bool _caughtUp;

    /// <summary>True once the topics were read up to where they ended when the console started.</summary>
    public bool CaughtUp { get => _caughtUp; set => _caughtUp = value; }

    public int RecommendationCount { get { lock (_lock) return _recommendations.Count; } }

    public void AddRecommendation(FreezeRecommendation alert)
    {
        lock (_lock)
        {
            if (_byAlertId.ContainsKey(alert.AlertId)) return; // a redelivery or an alerter's retry
            var recommendation = new Recommendation(_recommendations.Count + 1, alert);
            if (_decisionsBeforeAlert.Remove(alert.AlertId, out var decision)) recommendation.Decision = decision;
            _recommendations.Add(recommendation);
            _byAlertId[alert.AlertId] = recommendation;
            _incidents = null;
        }
    }

    /// <summary>The latest decision wins (the topic is compacted to it); one read before its recommendation waits for it.</summary>
    public void ApplyDecision(AnalystDecision decision)
    {
        lock (_lock)
        {
            if (_byAlertId.TryGetValue(decision.AlertId, out var recommendation))
            {
                if (recommendation.Decision is null || recommendation.Decision.At <= decision.At) recommendation.Decision = decision;
            }
            else if (_decisionsBeforeAlert.Count < MaxEvidenceTrades) _decisionsBeforeAlert[decision.AlertId] = decision;
        }
    }

    public void AddFlaggedFill(ScoredFill scored)
    {
        lock (_lock)
        {
            var tradeId = scored.Fill.TradeId;
            if (!_evidence.TryGetValue(tradeId, out var fills))
            {
                if (_evidence.Count >= MaxEvidenceTrades) _evidence.Remove(_evidenceOrder.Dequeue());
                _evidence[tradeId] = fills = [];
                _evidenceOrder.Enqueue(tradeId);
            }
            if (!fills.Exists(f => f.Fill.Side == scored.Fill.Side)) fills.Add(scored);
        }
    }

    public void AddTrade(TradeEvent trade)
    {
        var usd = trade.Price!.Value * trade.Qty!.Value * (trade.QuoteUsd ?? 1);
        lock (_lock)
        {
            if (!_tapes.TryGetValue(trade.Symbol!, out var tape) && _tapes.Count < MaxSymbols) _tapes[trade.Symbol!] = tape = new PriceTape();
            tape?.Add(trade.Ts!.Value, trade.Price.Value, usd);
            foreach (var account in new[] { trade.Buyer?.AccountId, trade.Seller?.AccountId })
            {
                if (account is null) continue;
                if (!_accounts.TryGetValue(account, out var history) && _accounts.Count < MaxAccounts) _accounts[account] = history = new AccountHistory();
                history?.Add(trade.Ts!.Value, usd);
            }
        }
    }

    /// <summary>Newest first (by the latest event time of each).</summary>
    public List<Incident> Incidents()
    {
        lock (_lock)
            return _incidents ??= IncidentGrouping.Group(_recommendations).OrderByDescending(i => i.LastTs).ThenByDescending(i => i.Number).ToList();
    }

    public Incident? Incident(int number) => Incidents().FirstOrDefault(i => i.Number == number);

    public Recommendation? Recommendation(int number)
    {
        lock (_lock) return number >= 1 && number <= _recommendations.Count ? _recommendations[number - 1] : null;
    }

    /// <summary>
    /// The latest decision on each subject that has one (<c>confirm</c>, <c>dismiss</c> or <c>hold</c>): what the
    /// analysts concluded about that account, key or app, whichever of its recommendations they decided. Decisions
    /// whose recommendation is no longer on the alert topic count too (the decision topic is kept for good).
    /// </summary>
    public Dictionary<string, string> SubjectDecisions()
    {
        lock (_lock)
            return _recommendations.Select(r => r.Decision).OfType<AnalystDecision>().Concat(_decisionsBeforeAlert.Values)
                .GroupBy(d => d.Subject, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.MaxBy(d => d.At)!.Decision, StringComparer.Ordinal);
    }

    public List<ScoredFill> Evidence(IEnumerable<string> tradeIds)
    {
        lock (_lock)
            return tradeIds.SelectMany(t => _evidence.TryGetValue(t, out var fills) ? fills : []).OrderBy(f => f.Fill.Ts).ToList();
    }

    public List<PriceMinute> Prices(string symbol, long fromTs, long toTs)
    {
        lock (_lock) return _tapes.TryGetValue(symbol, out var tape) ? tape.Between(fromTs, toTs) : [];
    }

    public (long Trades, double AverageUsd, long FirstTs, long LastTs)? History(string account)
    {
        lock (_lock)
            return _accounts.TryGetValue(account, out var h) ? (h.Trades, h.AverageUsd, h.FirstTs, h.LastTs) : null;
    }
}
