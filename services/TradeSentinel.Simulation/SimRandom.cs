namespace TradeSentinel.Simulation;

/// <summary>A seeded source of the distributions the simulator draws from; same seed, same stream.</summary>
public sealed class SimRandom(int seed)
{
    private readonly Random _random = new(seed);

    public double Uniform() => _random.NextDouble();

    public double Uniform(double low, double high) => low + (high - low) * _random.NextDouble();

    public int Int(int maxExclusive) => _random.Next(maxExclusive);

    public int Int(int low, int highExclusive) => _random.Next(low, highExclusive);

    public bool Chance(double p) => _random.NextDouble() < p;

    public double Normal()
    {
        var u = 1 - _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * _random.NextDouble());
    }

    public double LogNormal(double mu, double sigma) => Math.Exp(mu + sigma * Normal());

    /// <summary>Waiting time of a Poisson process with the given rate per second, in ms.</summary>
    public long ExponentialMs(double ratePerSecond) => (long)(-Math.Log(1 - _random.NextDouble()) / ratePerSecond * 1000) + 1;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public string Hex(int digits)
    {
        Span<char> chars = stackalloc char[digits];
        for (var i = 0; i < digits; i++) chars[i] = "0123456789abcdef"[_random.Next(16)];
        return new string(chars);
    }

    public List<T> Sample<T>(IReadOnlyList<T> items, int count)
    {
        var copy = items.ToList();
        for (var i = 0; i < Math.Min(count, copy.Count); i++)
        {
            var j = _random.Next(i, copy.Count);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }
        return copy.Take(count).ToList();
    }
}
