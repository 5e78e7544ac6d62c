using TradeSentinel.Alerting;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Alerting;

/// <summary>
/// Losses the score did not flag still name the account they paid (real redis-server): on a real
/// coin's wide market the model can score a whole attack under the flag score, and the keys in
/// other hands are what gives it away.
/// </summary>
public sealed class PaidBeneficiaryTests : IDisposable
{
    private const long Start = 1_672_207_200_000;
    private readonly LocalRedis _local = new();
    private readonly AlertDecider _decider;

    public PaidBeneficiaryTests() => _decider = new AlertDecider(new CorrelationStore(_local.Connector), new AlertingOptions());

    // Lost 25% off-market, every flag gate passed but the score: off the market, but not so far that
    // one such loss names the account it paid (AlertingOptions.BeneficiaryAloneMinPremium).
    private static ScoredFill Loss(string account, string tradeId, long ts, string beneficiary, bool newSource = true, bool flagged = false, double premium = 0.25) => new()
    {
        Fill = new Fill
        {
            TradeId = tradeId,
            Ts = ts,
            Symbol = "QLC-BTC",
            Side = "buy",
            Usd = 900,
            AccountId = account,
            ApiKeyId = "K-" + account,
            Channel = "api",
            Counterparty = new Counterparty { AccountId = beneficiary, Channel = "api" },
        },
        Score = flagged ? 0.99 : 0.4,
        Flagged = flagged,
        AdversePremium = premium,
        LostOffMarket = true,
        NewSourceForKey = newSource,
        ModelVersion = "m1",
    };

    private async Task<List<FreezeRecommendation>> Decide(ScoredFill fill) => await _decider.DecideAsync([fill], _ => false);

    [Fact]
    public async Task Two_unflagged_losses_through_keys_in_other_hands_freeze_the_account_both_paid_and_name_both()
    {
        Assert.Empty(await Decide(Loss("V1", "T1", Start, "BEN")));
        var alerts = await Decide(Loss("V2", "T2", Start + 40_000, "BEN"));
        var beneficiary = Assert.Single(alerts, a => a.Role == AlertActions.Beneficiary);
        Assert.Equal("BEN", beneficiary.AccountId);
        Assert.Equal(["K-V1", "K-V2"], alerts.Where(a => a.Action == AlertActions.RevokeApiKey).Select(a => a.ApiKeyId!).Order());
        Assert.All(alerts, a => Assert.Equal(["T2"], a.TradeIds));
    }

    [Fact]
    public async Task Every_victim_named_lists_its_own_losses_as_evidence_though_none_was_flagged()
    {
        // V1 paid BEN twice (one victim, nothing to freeze yet); V2's loss confirms BEN.
        Assert.Empty(await Decide(Loss("V1", "T1", Start, "BEN")));
        Assert.Empty(await Decide(Loss("V1", "T2", Start + 10_000, "BEN")));
        var alerts = await Decide(Loss("V2", "T3", Start + 40_000, "BEN"));
        var earlier = Assert.Single(alerts, a => a.AccountId == "V1");
        Assert.Equal(["T1", "T2"], earlier.Evidence!.TradeIds);
        Assert.Equal(1800, earlier.Evidence.UsdAtStake);
        var deciding = Assert.Single(alerts, a => a.AccountId == "V2" && a.Role != AlertActions.Beneficiary);
        Assert.Equal(["T3"], deciding.Evidence!.TradeIds);
        Assert.Equal(900, deciding.Evidence.UsdAtStake);
    }

    [Fact]
    public async Task A_victim_named_later_lists_its_flagged_fills_and_paid_losses_in_the_order_they_happened()
    {
        Assert.Empty(await Decide(Loss("V1", "T1", Start, "BEN")));
        // One flagged fill from the key's usual address, to another seller: not enough to act on alone.
        Assert.Empty(await Decide(Loss("V1", "T2", Start + 5_000, "OTHER", newSource: false, flagged: true)));
        Assert.Empty(await Decide(Loss("V1", "T3", Start + 10_000, "BEN")));
        var alerts = await Decide(Loss("V2", "T4", Start + 40_000, "BEN"));
        var earlier = Assert.Single(alerts, a => a.AccountId == "V1");
        Assert.Equal(["T1", "T2", "T3"], earlier.Evidence!.TradeIds);
    }

    [Fact]
    public async Task One_unflagged_loss_far_off_the_market_through_a_key_in_other_hands_freezes_the_account_it_paid_at_once()
    {
        var alerts = await Decide(Loss("V1", "T1", Start, "BEN", premium: 1.2));
        Assert.Equal(["fa:beneficiary:BEN:medium", "rk:K-V1:critical"], alerts.Select(a => a.AlertId).Order());
        // A second victim adds no new record for BEN at this severity: the same id, the same incident.
        Assert.DoesNotContain(await Decide(Loss("V2", "T2", Start + 40_000, "BEN", premium: 1.2)), a => a.AccountId == "BEN");
    }

    [Fact]
    public async Task A_loss_from_the_address_its_key_always_uses_does_not_count_against_the_account_it_paid()
    {
        // A market maker's ordinary fill a few percent off a dragged reference, then one victim.
        Assert.Empty(await Decide(Loss("MM", "T1", Start, "BEN", newSource: false)));
        Assert.Empty(await Decide(Loss("V1", "T2", Start + 40_000, "BEN")));
        Assert.Empty(await Decide(Loss("MM", "T3", Start + 50_000, "BEN", newSource: false)));
    }

    public void Dispose() => _local.Dispose();
}
