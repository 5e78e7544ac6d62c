using System.Text.Json;
using TradeSentinel.Alerting;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Ingest;
using TradeSentinel.Tests.Fixtures;
using TradeSentinel.Tools.Commands;

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

    [Theory]
    [InlineData("freeze-recommendation.v1.schema.json")] // v1 readers keep working
    [InlineData("freeze-recommendation.v2.schema.json")]
    public void Every_recommendation_validates_against_the_schema(string schemaFile)
    {
        var schema = Schemas.Load(schemaFile);
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

    [Fact]
    public void A_victims_record_carries_its_own_trades_and_a_beneficiarys_reasons_speak_of_the_beneficiary()
    {
        var parties = PartiesOfTrades();
        foreach (var alert in replay.First.Alerts)
        {
            Assert.Equal((2, alert.Ts, "demo"), (alert.SchemaVersion, alert.DetectedAt, alert.Exchange));
            var evidence = alert.Evidence!;
            Assert.True(evidence.UsdAtStake > 0, alert.AlertId);
            if (RecommendationV2.IsVictimRecord(alert))
                Assert.All(evidence.TradeIds, id => Assert.Contains(alert.AccountId, parties[id]));
            if (alert.Role == "beneficiary")
            {
                Assert.DoesNotContain(alert.Reasons, r => r.Detail.StartsWith("paid", StringComparison.Ordinal));
                Assert.All(evidence.TradeIds, id => Assert.Contains(alert.AccountId, parties[id]));
                Assert.Contains(evidence.Related, r => r is { Kind: "account", Role: "victim" });
            }
        }
    }

    [Fact]
    public void Key_revocations_under_an_open_revocation_of_their_apps_keys_are_marked_covered_by_it()
    {
        var appRevocations = replay.First.Alerts.Where(a => a.Action == "revoke_app_keys").ToList();
        var keys = replay.First.Alerts.Where(a => a.Action == "revoke_api_key").ToList();
        var covered = keys.Where(a => a.CoveredBy is not null).ToList();

        Assert.NotEmpty(appRevocations);
        Assert.All(covered, key => Assert.Contains(appRevocations, app => app.IncidentId == key.CoveredBy && app.AppId == key.AppId && app.Ts <= key.Ts));
        // Every key revoked after its app's revocation is covered; none before it.
        Assert.All(keys.Where(key => appRevocations.Any(app => app.AppId == key.AppId && app.Ts < key.Ts)), key => Assert.NotNull(key.CoveredBy));
        Assert.All(keys.Where(key => !appRevocations.Any(app => app.AppId == key.AppId && app.Ts <= key.Ts)), key => Assert.Null(key.CoveredBy));
        Assert.True(covered.Count > keys.Count / 2, $"{covered.Count} of {keys.Count} key revocations covered");
    }

    private static Dictionary<string, string[]> PartiesOfTrades() =>
        TradeFile.ReadValid(RepoPaths.Sample("classic.trades.jsonl.gz")).ToDictionary(t => t.TradeId!, t => new[] { t.Buyer!.AccountId!, t.Seller!.AccountId! });
}
