namespace TradeSentinel.AnalystConsole.Auth;

/// <summary>A viewer reads the queue and the evidence; an analyst also decides and revokes suppressions.</summary>
public static class ConsoleRoles
{
    public const string Viewer = "viewer";
    public const string Analyst = "analyst";

    /// <summary>The authorization policy of every action that changes something.</summary>
    public const string DecidePolicy = "decide";
}
