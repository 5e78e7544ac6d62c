namespace TradeSentinel.Core.Contract;

/// <summary>The contract's <c>action</c> and <c>role</c> vocabularies.</summary>
public static class AlertActions
{
    public const string FreezeAccount = "freeze_account";
    public const string RevokeApiKey = "revoke_api_key";
    public const string RevokeAppKeys = "revoke_app_keys";

    public const string Victim = "victim";
    public const string Beneficiary = "beneficiary";
}
