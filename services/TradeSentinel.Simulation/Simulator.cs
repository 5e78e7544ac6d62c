namespace TradeSentinel.Simulation;

/// <summary>`sentinel simulate`: a benign market plus one scenario of the threat model, with ground truth; same seed, same bytes.</summary>
public static class Simulator
{
    public static (int Trades, int Malicious) Run(SimulationOptions options, string tradesPath, string labelsPath)
    {
        var random = new SimRandom(options.Seed);
        var population = new Population(random, options.Accounts);
        var parties = new Parties(population, random, options.MissingIpShare);
        var market = new BenignMarket(options, random, population, parties);
        market.Generate();
        new Attacks(options, random, population, parties, market).Run(options.Scenario);
        // Stable sort: trades at the same millisecond keep the order they were generated in.
        var ordered = market.Trades.Select((t, i) => (t, i)).OrderBy(x => x.t.Ts).ThenBy(x => x.i).Select(x => x.t).ToList();
        SimulationWriter.Write(ordered, market.QuoteUsd, tradesPath, labelsPath);
        return (ordered.Count, ordered.Count(t => t.Victim is not null));
    }
}
