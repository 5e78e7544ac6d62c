namespace TradeSentinel.Core.Contract;

/// <summary>The vocabularies of <see cref="RelatedParty"/>: its kinds and roles.</summary>
public static class RelatedRoles
{
    public const string Account = "account";
    public const string ApiKey = "api_key";
    public const string App = "app";

    /// <summary>An account whose funds were spent by someone else.</summary>
    public const string Victim = "victim";

    /// <summary>The account on the winning side of the victims' trades.</summary>
    public const string Beneficiary = "beneficiary";

    /// <summary>The other side of the subject's trade, not (yet) confirmed as beneficiary.</summary>
    public const string Counterparty = "counterparty";

    /// <summary>The key (or the key's app) that placed a victim's order.</summary>
    public const string VictimKey = "victim_key";
    public const string VictimApp = "victim_app";
}
