namespace TradeSentinel.Simulation;

/// <summary>
/// The attacks <see cref="TapeOverlay"/> can lay over a recorded tape, by the names
/// <c>sentinel overlay --attack</c> and <c>sentinel train --overlay-attacks</c> take: the
/// simulator's scenarios whose shape does not depend on the simulator's own market.
/// </summary>
public sealed record TapeAttack(string Name, string Description, Func<TapeOverlay, List<TapeOverlay.Injected>> Lay)
{
    public static IReadOnlyList<TapeAttack> All { get; } =
    [
        new("app-leak", "one app's keys spent in 3 thin coins into 3 new accounts, 8-20 min waves", o => o.AppLeak(3, 3, 8, 20)),
        new("crowd9", "one app's keys spent in one thin coin into 9 new accounts within 3-8 min", o => o.AppLeak(9, 1, 3, 8)),
        new("crowd14", "the same into 14 new accounts", o => o.AppLeak(14, 1, 3, 8)),
        new("crowd30", "the same into 30 new accounts", o => o.AppLeak(30, 1, 3, 8)),
        new("phished", "own keys phished one by one (no app), three per new account, in thin coins", o => o.Phished()),
        new("phished-crowd", "12-20 phished own keys (each its own payer) spent in one thin coin into 10 new accounts within 3-8 min",
            o => o.PhishedCrowd(10)),
        new("many-beneficiaries", "two victims per beneficiary, the beneficiaries the tape's own quiet accounts, a new address per request",
            o => o.ManyBeneficiaries()),
    ];

    public static string Names => string.Join(", ", All.Select(a => a.Name));

    /// <summary>The named attack, or null when there is none by that name.</summary>
    public static TapeAttack? Find(string name) => All.FirstOrDefault(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
