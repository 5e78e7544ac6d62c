namespace TradeSentinel.Service;

/// <summary>The exit codes of every sentinel command (README, "Exit codes").</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The run failed: a stage stopped on an error, or detection targets were not met.</summary>
    public const int Failed = 1;

    /// <summary>The command line or the configuration cannot be run; the message names what is missing.</summary>
    public const int Usage = 2;
}
