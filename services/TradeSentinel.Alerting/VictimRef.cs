namespace TradeSentinel.Alerting;

/// <summary>A victim as remembered in a counterparty's window: account, and the key and app it traded with.</summary>
public sealed record VictimRef(string AccountId, string? ApiKeyId, string? AppId)
{
    private const char Separator = '\u001f';

    public string ToMember() => string.Join(Separator, AccountId, ApiKeyId ?? "", AppId ?? "");

    public static VictimRef FromMember(string member)
    {
        var parts = member.Split(Separator);
        return new VictimRef(parts[0], parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null, parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null);
    }
}
