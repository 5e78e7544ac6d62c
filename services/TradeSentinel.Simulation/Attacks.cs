namespace TradeSentinel.Simulation;

/// <summary>
/// The threat model's scenarios, drawn over the benign market: victims are ordinary accounts of
/// the population, beneficiaries are accounts the attacker opened, and every malicious trade is
/// the victim's stolen key crossing the beneficiary's resting order.
/// </summary>
public sealed class Attacks(SimulationOptions o, SimRandom r, Population pop, Parties parties, BenignMarket market)
{
    private List<SymbolSpec> Tiered(Tier tier) => SymbolSpec.Catalog.Where(s => s.Tier == tier).ToList();

    private long At(double fraction) => o.StartTs + (long)(fraction * o.DurationMs);

    private List<SimAccount> Victims(IEnumerable<SimAccount> pool, int count) => r.Sample(pool.Where(a => a.Key is not null).ToList(), count);

    private SimAccount Beneficiary() => pop.NewAccount(r.Chance(0.5) ? AccountKind.Speculator : AccountKind.Retail);

    private SimParty BeneficiaryParty(SimAccount beneficiary, long ts) =>
        new(beneficiary, "api", null, parties.Attacker(beneficiary.Ips[0]), null);

    /// <summary>The victim's key spends at <paramref name="premium"/> over the market (buy) or sells at that discount.</summary>
    private void Steal(SimAccount victim, SimAccount beneficiary, long ts, SymbolSpec symbol, double premium, double usd, string attackerIp,
        bool victimBuys = true, string? leakedApp = null, SimParty? beneficiarySide = null)
    {
        var mid = market.Prices[symbol].At(ts);
        var price = victimBuys ? mid * (1 + premium) : mid / (1 + premium);
        market.AddTrade(ts, symbol, price, usd, victimBuys, parties.Stolen(victim, ts, attackerIp), beneficiarySide ?? BeneficiaryParty(beneficiary, ts),
            victim, beneficiary, leakedApp);
    }

    public void Run(Scenario scenario)
    {
        switch (scenario)
        {
            case Scenario.Benign: break;
            case Scenario.AppLeak: AppLeak(1.0); break;
            case Scenario.Subtle: Subtle(); break;
            case Scenario.Phished: Phished(1.0); break;
            case Scenario.ManyBeneficiaries: ManyBeneficiaries(); break;
            case Scenario.Contra: Contra(1.0); break;
            case Scenario.SellSide: SellSide(1.0); break;
            case Scenario.Dormant: Dormant(); break;
            case Scenario.Mix:
                AppLeak(0.5);
                Phished(0.5);
                Contra(0.5);
                SellSide(0.5);
                break;
            case Scenario.Crowd9: Crowd(9); break;
            case Scenario.Crowd14: Crowd(14); break;
            case Scenario.Crowd30: Crowd(30); break;
            case Scenario.ColdStart: ColdStart(); break;
            case Scenario.AgedBeneficiary: AgedBeneficiary(); break;
        }
    }

    /// <summary>
    /// Beneficiaries with a past: speculators of the population who have traded their coins at the
    /// market for a long time (hundreds of fills on both sides before the attack, from their own
    /// addresses; the scorer keeps counts, not ages, so this is what weeks of trading leave in its
    /// state) collect from phished own keys and app users' keys in one of their thin coins.
    /// </summary>
    private void AgedBeneficiary()
    {
        var beneficiaries = r.Sample(pop.OfKind(AccountKind.Speculator).ToList(), r.Int(2, 4));
        var makers = pop.OfKind(AccountKind.MarketMaker).ToList();
        var start = At(r.Uniform(0.5, 0.8));
        foreach (var beneficiary in beneficiaries)
            for (var k = r.Int(150, 300); k > 0; k--)
            {
                var ts = At(r.Uniform(0.0, 0.98));
                var symbol = r.Pick(beneficiary.Habits);
                var buys = r.Chance(0.5);
                var price = market.Prices[symbol].At(ts) * (1 + (buys ? 1 : -1) * 0.001 * r.Uniform());
                market.AddTrade(ts, symbol, price, beneficiary.UsualUsd * r.LogNormal(0, 0.6), buys,
                    parties.Usual(beneficiary, ts), parties.Usual(r.Pick(makers), ts));
            }
        var coin = beneficiaries[0].Habits.First(s => s.Tier == Tier.LowCap);
        var victims = Victims(pop.Accounts.Where(a => a.Kind is AccountKind.AppUser or AccountKind.OwnApi && !beneficiaries.Contains(a)), r.Int(20, 40));
        var ip = pop.Ip("185");
        var length = (long)(r.Uniform(20, 40) * 60_000);
        foreach (var victim in victims)
            for (var k = r.Int(1, 4); k > 0; k--)
            {
                var ts = start + (long)(r.Uniform() * length);
                var beneficiary = r.Pick(beneficiaries);
                Steal(victim, beneficiary, ts, coin, r.Uniform(0.5, 3.0), victim.UsualUsd * r.Uniform(1, 5), ip,
                    beneficiarySide: parties.Usual(beneficiary, ts));
            }
    }

    /// <summary>
    /// An attacker who knows that many winners look like a market: one leaked app's victims buy
    /// one thin coin from <paramref name="beneficiaries"/> accounts, all of them selling at once.
    /// </summary>
    private void Crowd(int beneficiaries)
    {
        var app = r.Pick(pop.Apps.Where(a => a.Users.Count >= 40).ToList());
        var victims = Victims(app.Users, r.Int(Math.Max(40, 3 * beneficiaries), Math.Min(150, app.Users.Count) + 1));
        var sellers = Enumerable.Range(0, beneficiaries).Select(_ => Beneficiary()).ToList();
        var attackerIps = Enumerable.Range(0, r.Int(2, 6)).Select(_ => pop.Ip("185")).ToList();
        var coin = r.Pick(Tiered(Tier.LowCap));
        var start = At(r.Uniform(0.3, 0.8));
        // Fast, as a script spending every key at once: the whole crowd of sellers is on the tape within seconds.
        var length = (long)(r.Uniform(3, 8) * 60_000);
        var basePremium = r.Uniform(1.0, 4.0);
        var orders = victims.SelectMany(v => Enumerable.Range(0, r.Int(1, 4)).Select(_ => (Victim: v, Ts: start + (long)(r.Uniform() * length))))
            .OrderBy(o => o.Ts).ToList();
        for (var i = 0; i < orders.Count; i++)
        {
            var (victim, ts) = orders[i];
            var premium = basePremium * (1 + 0.5 * (ts - start) / length);
            Steal(victim, sellers[i % sellers.Count], ts, coin, premium, victim.UsualUsd * r.Uniform(1, 6), r.Pick(attackerIps), leakedApp: app.Id);
        }
    }

    /// <summary>
    /// A deployment's first day, or keys it has never seen: accounts with no trade in the stream
    /// (own keys and app users) whose keys suddenly buy thin coins at 1.4–5x from the attacker's addresses.
    /// </summary>
    private void ColdStart()
    {
        var victims = Enumerable.Range(0, r.Int(15, 30)).Select(_ => pop.NewAccount(r.Chance(0.5) ? AccountKind.OwnApi : AccountKind.AppUser)).ToList();
        var beneficiaries = Enumerable.Range(0, r.Int(2, 4)).Select(_ => Beneficiary()).ToList();
        var ips = Enumerable.Range(0, r.Int(1, 3)).Select(_ => pop.Ip("185")).ToList();
        var coins = r.Sample(Tiered(Tier.LowCap), 2);
        foreach (var victim in victims)
        {
            var ts = At(r.Uniform(0.02, 0.9));
            var coin = r.Pick(coins);
            for (var k = r.Int(1, 3); k > 0; k--)
            {
                Steal(victim, r.Pick(beneficiaries), ts, coin, r.Uniform(0.4, 4.0), victim.UsualUsd * r.Uniform(1, 5), r.Pick(ips));
                ts += r.Int(5_000, 120_000);
            }
        }
    }

    private void AppLeak(double scale)
    {
        var app = r.Pick(pop.Apps.Where(a => a.Users.Count >= 40).ToList());
        var victims = Victims(app.Users, (int)(r.Int(40, Math.Min(120, app.Users.Count) + 1) * scale));
        var beneficiaries = Enumerable.Range(0, r.Int(2, 4)).Select(_ => Beneficiary()).ToList();
        var attackerIps = Enumerable.Range(0, r.Int(2, 6)).Select(_ => pop.Ip("185")).ToList();
        var coins = r.Sample(Tiered(Tier.LowCap), 3);
        var waves = victims.Chunk((victims.Count + 2) / 3).ToList();
        for (var w = 0; w < waves.Count; w++)
        {
            var start = At(r.Uniform(0.3, 0.85));
            var length = (long)(r.Uniform(8, 20) * 60_000);
            var basePremium = r.Uniform(1.0, 4.0);
            foreach (var victim in waves[w])
                for (var k = r.Int(1, 4); k > 0; k--)
                {
                    var ts = start + (long)(r.Uniform() * length);
                    var premium = basePremium * (1 + 0.5 * (ts - start) / length);
                    Steal(victim, r.Pick(beneficiaries), ts, coins[w], premium, victim.UsualUsd * r.Uniform(1, 6), r.Pick(attackerIps), leakedApp: app.Id);
                }
        }
    }

    private void Subtle()
    {
        var victims = Victims(pop.Accounts.Where(a => a.Kind is AccountKind.AppUser or AccountKind.OwnApi), r.Int(25, 40));
        var beneficiaries = Enumerable.Range(0, r.Int(1, 3)).Select(_ => Beneficiary()).ToList();
        var attackerIp = pop.Ip("185");
        var coins = r.Sample(Tiered(Tier.MidCap), 2);
        var start = At(r.Uniform(0.2, 0.5));
        var length = (long)(r.Uniform(60, 120) * 60_000);
        foreach (var victim in victims)
            for (var k = r.Int(1, 3); k > 0; k--)
                Steal(victim, r.Pick(beneficiaries), start + (long)(r.Uniform() * length), r.Pick(coins), r.Uniform(0.15, 0.6),
                    victim.UsualUsd * r.Uniform(0.7, 1.5), attackerIp);
    }

    private void Phished(double scale)
    {
        var victims = Victims(pop.OfKind(AccountKind.OwnApi), (int)(r.Int(20, 40) * scale));
        foreach (var group in victims.Chunk(3))
        {
            var beneficiary = Beneficiary();
            var ip = pop.Ip("185");
            var coin = r.Pick(Tiered(Tier.LowCap));
            var start = At(r.Uniform(0.2, 0.9));
            foreach (var victim in group)
                for (var k = r.Int(1, 4); k > 0; k--)
                    Steal(victim, beneficiary, start + r.Int(30 * 60_000), coin, r.Uniform(0.5, 3.0), victim.UsualUsd * r.Uniform(1, 5), ip);
        }
    }

    private void ManyBeneficiaries()
    {
        var victims = Victims(pop.Accounts.Where(a => a.Kind is AccountKind.AppUser or AccountKind.OwnApi), r.Int(30, 50));
        var coins = Tiered(Tier.LowCap).Concat(Tiered(Tier.MidCap)).ToList();
        var start = At(r.Uniform(0.2, 0.6));
        foreach (var group in victims.Chunk(2))
        {
            var beneficiary = Beneficiary();
            var coin = r.Pick(coins);
            foreach (var victim in group)
                for (var k = r.Int(1, 4); k > 0; k--)
                    Steal(victim, beneficiary, start + r.Int(60 * 60_000), coin, r.Uniform(0.4, 2.5), victim.UsualUsd * r.Uniform(1, 5),
                        pop.Ip("185")); // a new source address on every request
        }
    }

    private void Contra(double scale)
    {
        var victims = Victims(pop.Accounts.Where(a => a.Kind is AccountKind.AppUser or AccountKind.OwnApi), Math.Max(1, (int)(r.Int(2, 5) * scale)));
        var beneficiary = Beneficiary();
        var ip = pop.Ip("185");
        var coin = r.Pick(Tiered(Tier.LowCap));
        foreach (var victim in victims)
        {
            var ts = At(r.Uniform(0.2, 0.7));
            for (var k = r.Int(150, 600); k > 0; k--)
            {
                // Buy high, sell low, over and over: each round trip moves money to the beneficiary.
                Steal(victim, beneficiary, ts, coin, r.Uniform(0.05, 0.2), victim.UsualUsd * r.Uniform(0.1, 0.3), ip, victimBuys: k % 2 == 0);
                ts += r.Int(2_000, 10_000);
            }
        }
    }

    private void SellSide(double scale)
    {
        var coin = r.Pick(Tiered(Tier.LowCap));
        var holders = pop.Accounts.Where(a => a.Habits.Contains(coin) || a.Kind == AccountKind.AppUser);
        var victims = Victims(holders, (int)(r.Int(20, 40) * scale));
        var beneficiaries = Enumerable.Range(0, r.Int(1, 4)).Select(_ => Beneficiary()).ToList();
        var ip = pop.Ip("185");
        var start = At(r.Uniform(0.3, 0.8));
        foreach (var victim in victims)
            for (var k = r.Int(1, 3); k > 0; k--)
                Steal(victim, r.Pick(beneficiaries), start + r.Int(20 * 60_000), coin, r.Uniform(0.4, 2.0), victim.UsualUsd * r.Uniform(1, 5), ip,
                    victimBuys: false);
    }

    /// <summary>Keys that traded once at the start and then slept for hours, suddenly draining their accounts.</summary>
    private void Dormant()
    {
        var victims = Enumerable.Range(0, r.Int(10, 25)).Select(_ => pop.NewAccount(AccountKind.OwnApi)).ToList();
        var beneficiaries = Enumerable.Range(0, r.Int(1, 3)).Select(_ => Beneficiary()).ToList();
        var makers = pop.OfKind(AccountKind.MarketMaker).ToList();
        var ip = pop.Ip("185");
        var coin = r.Pick(Tiered(Tier.LowCap));
        var start = At(r.Uniform(0.75, 0.85));
        foreach (var victim in victims)
        {
            var early = At(r.Uniform(0.0, 0.05));
            var symbol = victim.Habits[0];
            market.AddTrade(early, symbol, market.Prices[symbol].At(early), victim.UsualUsd, r.Chance(0.5),
                parties.Usual(victim, early), parties.Usual(r.Pick(makers), early));
            for (var k = r.Int(1, 4); k > 0; k--)
                Steal(victim, r.Pick(beneficiaries), start + r.Int(20 * 60_000), coin, r.Uniform(1.0, 4.0), victim.UsualUsd * r.Uniform(2, 8), ip);
        }
    }
}
