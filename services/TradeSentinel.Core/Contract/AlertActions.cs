namespace TradeSentinel.Core.Contract;

/// <summary>The contract's <c>action</c>, <c>role</c> and <c>severity</c> vocabularies.</summary>
public static class AlertActions
{
    public const string FreezeAccount = "freeze_account";
    public const string RevokeApiKey = "revoke_api_key";
    public const string RevokeAppKeys = "revoke_app_keys";

    public const string Victim = "victim";
    public const string Beneficiary = "beneficiary";

    public static readonly string[] Severities = ["low", "medium", "high", "critical"];
}
