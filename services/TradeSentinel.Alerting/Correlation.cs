namespace TradeSentinel.Alerting;

/// <summary>What the windows said about one flagged fill, across accounts.</summary>
/// <param name="AccountFlags">Flagged fills of the victim account in the window.</param>
/// <param name="CounterpartyVictims">Distinct accounts the counterparty collected from: flagged, or paid through a key in other hands (<see cref="AlertPolicy.CountsAsVictim"/>).</param>
/// <param name="AppAccounts">Distinct flagged accounts trading through the fill's app (0 without an app).</param>
/// <param name="AllVictims">Distinct flagged accounts across the whole exchange.</param>
/// <param name="Victims">The counterparty's victims, as <see cref="VictimRef"/>s (an account once per key it was robbed through).</param>
/// <param name="CounterpartyOnlyWins">
/// The counterparty took the winning side of an off-market price in every fill the scorer remembers
/// of it, this trade's included (known once both fills of the trade reached the alerter).
/// </param>
/// <param name="AccountFlagged">
/// The victim account's flagged fills in the window, oldest first (the evidence of its record); for
/// an unflagged loss that counts as paid (<see cref="AlertPolicy.DecidePaidBeneficiary"/>), its paid losses.
/// </param>
public sealed record Correlation(long AccountFlags, long CounterpartyVictims, long AppAccounts, long AllVictims, IReadOnlyList<VictimRef> Victims,
    bool CounterpartyOnlyWins = false, IReadOnlyList<FlaggedTrade>? AccountFlagged = null);
