using TradeSentinel.Core.Contract;

namespace TradeSentinel.Alerting.Suppression;

/// <summary>
/// What a dismissal suppresses: the same action on the same account, key or app, at any severity
/// (an escalation of a dismissed subject is the same false positive seen again).
/// </summary>
public static class SuppressionSubject
{
    public static string Of(FreezeRecommendation alert) => alert.Action switch
    {
        AlertActions.RevokeAppKeys => $"{alert.Action}:{alert.AppId}",
        AlertActions.RevokeApiKey => $"{alert.Action}:{alert.ApiKeyId}",
        _ => $"{alert.Action}:{alert.AccountId}",
    };
}
