namespace TradeSentinel.Simulation;

/// <summary>What `sentinel simulate` generates.</summary>
public sealed class SimulationOptions
{
    public Scenario Scenario { get; set; } = Scenario.AppLeak;
    public int Seed { get; set; } = 1;
    public double Hours { get; set; } = 3;

    /// <summary>Average benign trades per second across the whole market.</summary>
    public double Rate { get; set; } = 10;

    public int Accounts { get; set; } = 6000;

    /// <summary>Share of records without <c>client_ip</c> (many exchanges cannot supply it).</summary>
    public double MissingIpShare { get; set; }

    /// <summary>Event time of the first trade: 2022-12-28 00:00 UTC, the week of the 3Commas leak.</summary>
    public long StartTs { get; set; } = 1_672_185_600_000;

    public long DurationMs => (long)(Hours * 3_600_000);
}
