namespace TradeSentinel.AnalystConsole.Board;

/// <summary>What is normal for an account, from every trade the console has read: how much and how big it trades.</summary>
public sealed class AccountHistory
{
    public long Trades { get; private set; }
    public double Usd { get; private set; }
    public long FirstTs { get; private set; } = long.MaxValue;
    public long LastTs { get; private set; } = long.MinValue;

    public double AverageUsd => Trades == 0 ? 0 : Usd / Trades;

    public void Add(long ts, double usd)
    {
        Trades++;
        Usd += usd;
        FirstTs = Math.Min(FirstTs, ts);
        LastTs = Math.Max(LastTs, ts);
    }
}
