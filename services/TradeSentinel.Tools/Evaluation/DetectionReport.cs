namespace TradeSentinel.Tools.Evaluation;

/// <summary>The contract's section-5 metrics for one stream.</summary>
public sealed class DetectionReport
{
    public double PreventedUsdShare { get; set; }
    public double PreventedUsd { get; set; }
    public double MaliciousUsd { get; set; }

    /// <summary>
    /// Not a contract metric: the most any detector could prevent, one that acts on every victim,
    /// key, leaked app and beneficiary at its first malicious trade. A trade whose parties were all
    /// new at its time cannot be prevented by anyone.
    /// </summary>
    public double PreventableUsdShare { get; set; }
    public double VictimRecall { get; set; }
    public double BeneficiaryRecall { get; set; }
    public double AccountPrecision { get; set; }
    public double FalseAccountsPerMillion { get; set; }
    public int BenignAccountsNamed { get; set; }

    /// <summary>Not a contract metric: recommendations of severity <c>critical</c> against an innocent account or an app that did not leak.</summary>
    public int BenignCriticalAlerts { get; set; }
    public long BenignTrades { get; set; }
    public Dictionary<string, long?> AppLeakDelayMs { get; set; } = [];
    public int WrongAppRevocations { get; set; }

    /// <summary>
    /// Not a contract metric: per beneficiary, event-time ms from its first malicious trade to the
    /// first recommendation freezing it as a beneficiary; null when it was never frozen.
    /// </summary>
    public Dictionary<string, long?> BeneficiaryFreezeDelayMs { get; set; } = [];
    public double DetectDelayTradesMedian { get; set; }
    public double DetectDelayTradesP95 { get; set; }
    public int Victims { get; set; }
    public int Beneficiaries { get; set; }
    public int Alerts { get; set; }
}
