namespace TradeSentinel.Alerting;

/// <summary>A victim as remembered in a counterparty's window: account, and the key and app it traded with.</summary>
public sealed record VictimRef(string AccountId, string? ApiKeyId, string? AppId)
{
    private const char Separator = '\u001f';

    public string ToMember() => string.Join(Separator, AccountId, ApiKeyId ?? "", AppId ?? "");

    /// <summary>
    /// How many accounts: a beneficiary's victims are counted by account, so one account trading
    /// through two keys (an attacker's own, say) is one victim, not two.
    /// </summary>
    public static int Accounts(IEnumerable<VictimRef> victims) => victims.Select(v => v.AccountId).Distinct(StringComparer.Ordinal).Count();

    public static VictimRef FromMember(string member)
    {
        var parts = member.Split(Separator);
        return new VictimRef(parts[0], parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null, parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null);
    }
}
