namespace TradeSentinel.Core.Contract;

/// <summary>
/// The contract's label vocabulary (contract section 4): the <c>kind</c> of each line of a labels
/// file, written by the simulator, the tape overlays and <c>train --decisions</c>, read by the
/// evaluator and the trainer.
/// </summary>
public static class LabelKinds
{
    public const string MaliciousTrade = "malicious_trade";
    public const string Victim = "victim";
    public const string Beneficiary = "beneficiary";
    public const string AppLeak = "app_leak";
}
