using TradeSentinel.Core.Pipeline;
using TradeSentinel.Ingest;
using TradeSentinel.Market;
using TradeSentinel.Scoring;
using TradeSentinel.Simulation;
using TradeSentinel.Tools.Commands;

namespace TradeSentinel.Tests.Simulation;

/// <summary>
/// The attack families written against the product's own defences: many sellers in one coin (to
/// look like a market) and keys the product has never seen.
/// </summary>
public sealed class AttackFamilyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-family-").FullName;

    private (string Trades, List<TradeSentinel.Tools.Evaluation.Label> Labels) Simulate(Scenario scenario, int seed)
    {
        var trades = Path.Combine(_dir, $"{scenario}.jsonl.gz");
        var labels = Path.Combine(_dir, $"{scenario}.labels.jsonl");
        Simulator.Run(new SimulationOptions { Scenario = scenario, Seed = seed, Hours = 1, Rate = 5, Accounts = 3000 }, trades, labels);
        return (trades, EvaluateCommand.ReadLabels(labels));
    }

    [Theory]
    [InlineData(Scenario.Crowd9, 9)]
    [InlineData(Scenario.Crowd14, 14)]
    [InlineData(Scenario.Crowd30, 30)]
    public void A_crowd_of_attacker_sellers_is_a_crowd_of_winners_but_one_payer(Scenario scenario, int sellers)
    {
        var (tradesPath, labels) = Simulate(scenario, 11);
        Assert.Equal(sellers, labels.Count(l => l.Kind == "beneficiary"));
        Assert.Single(labels, l => l.Kind == "app_leak");
        var malicious = labels.Where(l => l.Kind == "malicious_trade").Select(l => l.TradeId!).ToHashSet();

        var market = new MarketState();
        var contexts = new List<MarketContext>();
        foreach (var trade in TradeFile.ReadValid(tradesPath))
        {
            var context = market.Observe(trade);
            if (malicious.Contains(trade.TradeId!)) contexts.Add(context);
        }
        var gate = new ScoringOptions().MaxOffMarketCrowd;
        // Counting the winners, most stolen-key trades sat in a crowd "too large to be an attack"...
        Assert.True(contexts.Count(c => c.PremiumSellers5m > gate) > contexts.Count / 2,
            $"only {contexts.Count(c => c.PremiumSellers5m > gate)} of {contexts.Count} trades had more than {gate} winners");
        // ...while nobody but the leaked app's own keys paid those prices.
        Assert.All(contexts, c => Assert.InRange(c.PremiumPayers5m, 0, gate));
    }

    [Fact]
    public void Cold_start_victims_never_trade_before_their_key_is_stolen()
    {
        var (tradesPath, labels) = Simulate(Scenario.ColdStart, 12);
        var firstStolen = labels.Where(l => l.Kind == "victim").ToDictionary(l => l.AccountId!, l => l.FirstTs!.Value);
        Assert.InRange(firstStolen.Count, 15, 30);
        foreach (var trade in TradeFile.ReadValid(tradesPath))
            foreach (var party in new[] { trade.Buyer!, trade.Seller! })
                if (firstStolen.TryGetValue(party.AccountId!, out var first))
                    Assert.True(trade.Ts >= first, $"{party.AccountId} traded at {trade.Ts}, before its key was stolen at {first}");
    }

    [Fact]
    public void Aged_beneficiaries_have_hundreds_of_fills_at_the_market_on_both_sides_before_their_first_stolen_trade()
    {
        var (tradesPath, labels) = Simulate(Scenario.AgedBeneficiary, 13);
        var beneficiaries = labels.Where(l => l.Kind == "beneficiary").Select(l => l.AccountId!).ToHashSet();
        Assert.InRange(beneficiaries.Count, 2, 3);
        var malicious = labels.Where(l => l.Kind == "malicious_trade").Select(l => l.TradeId!).ToHashSet();
        var firstStolen = new Dictionary<string, long>();
        var ordinary = beneficiaries.ToDictionary(b => b, _ => (Buys: 0, Sells: 0));
        foreach (var trade in TradeFile.ReadValid(tradesPath))
        {
            if (malicious.Contains(trade.TradeId!))
            {
                firstStolen.TryAdd(trade.Seller!.AccountId!, trade.Ts!.Value);
                continue;
            }
            foreach (var (party, buys) in new[] { (trade.Buyer!, true), (trade.Seller!, false) })
                if (ordinary.TryGetValue(party.AccountId!, out var n) && !firstStolen.ContainsKey(party.AccountId!))
                    ordinary[party.AccountId!] = buys ? (n.Buys + 1, n.Sells) : (n.Buys, n.Sells + 1);
        }
        Assert.Equal(beneficiaries, firstStolen.Keys.ToHashSet());
        Assert.All(ordinary, o => Assert.True(o.Value.Buys >= 30 && o.Value.Sells >= 30 && o.Value.Buys + o.Value.Sells >= 75,
            $"{o.Key}: {o.Value.Buys} buys and {o.Value.Sells} sells before its first stolen trade"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
