namespace TradeSentinel.Simulation;

/// <summary>One side of a simulated trade, as it will appear in the TradeEvent; <see cref="KeyId"/> is the key's id at that time.</summary>
public sealed record SimParty(SimAccount Account, string Channel, SimKey? Key, string? Ip, string? KeyId = null);

/// <summary>A generated trade; <see cref="Victim"/> is set on the malicious ones.</summary>
public sealed record SimTrade(long Ts, SymbolSpec Symbol, double Price, double Qty, bool TakerBuys, SimParty Buyer, SimParty Seller)
{
    public SimAccount? Victim { get; init; }
    public SimAccount? Beneficiary { get; init; }

    /// <summary>The app whose keys leaked wholesale, on trades of an app-wide leak.</summary>
    public string? LeakedApp { get; init; }
}
