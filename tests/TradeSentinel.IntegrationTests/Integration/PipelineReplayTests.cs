using System.Text.Json;
using TradeSentinel.Tools.Commands;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Integration;

[Collection(PipelineCollection.Name)]
public class PipelineReplayTests(ClassicReplay replay) : IClassFixture<ClassicReplay>
{
    private static readonly List<TradeSentinel.Tools.Evaluation.Label> Labels = EvaluateCommand.ReadLabels(RepoPaths.Sample("classic.labels.jsonl"));

    private static string Serialize(FreezeRecommendation a) => JsonSerializer.Serialize(a, SentinelJson.Default.FreezeRecommendation);

    [Fact]
    public void The_stages_logic_driven_without_a_broker_gives_the_same_recommendations_as_the_pipeline_over_Kafka()
    {
        using var chain = new StageDriver.StageChain(TrainedModel.Shared.Path);
        var driven = chain.Run(RepoPaths.Sample("classic.trades.jsonl.gz")).Select(Serialize).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(driven);
        Assert.Equal(replay.First.Alerts.Select(Serialize).Order(StringComparer.Ordinal), driven);
    }

    [Fact]
    public void Every_trade_of_the_sample_went_through()
    {
        Assert.Equal(89_629, replay.First.Trades);
        Assert.Equal(0, replay.First.Refused);
    }

    [Fact]
    public void Replaying_twice_gives_identical_alerts_with_identical_ids()
    {
        var first = replay.First.Alerts.Select(Serialize).Order(StringComparer.Ordinal).ToList();
        var second = replay.Second.Alerts.Select(Serialize).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Alert_ids_are_unique_on_the_alert_topic()
    {
        var ids = replay.First.Alerts.Select(a => a.AlertId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Every_recommendation_validates_against_the_schema()
    {
        var schema = Schemas.Load("freeze-recommendation.v1.schema.json");
        foreach (var alert in replay.First.Alerts) Schemas.AssertValid(schema, Serialize(alert));
    }

    [Fact]
    public void The_beneficiaries_are_frozen_and_the_victims_keys_revoked()
    {
        var alerts = replay.First.Alerts;
        var beneficiaries = Labels.Where(l => l.Kind == "beneficiary").Select(l => l.AccountId).ToHashSet();
        var frozenBeneficiaries = alerts.Where(a => a.Role == AlertActions.Beneficiary).Select(a => a.AccountId).ToHashSet();
        Assert.Subset(frozenBeneficiaries, beneficiaries);

        var victims = Labels.Where(l => l.Kind == "victim").ToList();
        var revokedKeys = alerts.Where(a => a.Action == AlertActions.RevokeApiKey).Select(a => a.ApiKeyId).ToHashSet();
        var named = victims.Count(v => revokedKeys.Contains(v.ApiKeyId));
        Assert.True(named >= 0.95 * victims.Count, $"{named} of {victims.Count} victims' keys revoked");
    }

    [Fact]
    public void No_account_outside_the_attack_is_named()
    {
        var guilty = Labels.Where(l => l.AccountId is not null).Select(l => l.AccountId).ToHashSet();
        var named = replay.First.Alerts.Where(a => a.AccountId is not null).Select(a => a.AccountId).Distinct();
        Assert.All(named, account => Assert.Contains(account, guilty));
    }

    [Fact]
    public void Alerts_carry_event_time_reasons_evidence_and_the_model_version()
    {
        var tradeTimes = EvaluateCommand.ReadTrades(RepoPaths.Sample("classic.trades.jsonl.gz"));
        foreach (var alert in replay.First.Alerts)
        {
            Assert.All(alert.TradeIds, id => Assert.True(tradeTimes.ContainsKey(id)));
            Assert.Equal(tradeTimes[alert.TradeIds[0]].Ts, alert.Ts);
            Assert.NotEmpty(alert.Reasons);
            Assert.StartsWith("fasttree-", alert.ModelVersion);
        }
    }
}
