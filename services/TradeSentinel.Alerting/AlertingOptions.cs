namespace TradeSentinel.Alerting;

/// <summary>Configuration section <c>Alerting</c>: windows and policy thresholds.</summary>
public sealed class AlertingOptions
{
    public const string Section = "Alerting";

    /// <summary>Event-time window over which flagged activity is correlated.</summary>
    public int WindowMinutes { get; set; } = 60;

    /// <summary>Distinct flagged victims a counterparty must collect from before it is frozen as beneficiary.</summary>
    public int BeneficiaryMinVictims { get; set; } = 2;

    /// <summary>Flagged fills of one account that corroborate each other without a shared beneficiary.</summary>
    public int VictimMinFlags { get; set; } = 2;

    /// <summary>Distinct flagged accounts of one app, feeding suspected beneficiaries, before all its keys are revoked.</summary>
    public int AppMinAccounts { get; set; } = 3;

    /// <summary>How long an alert id is remembered: the same recommendation is not repeated within it.</summary>
    public int CooldownHours { get; set; } = 24;
}
