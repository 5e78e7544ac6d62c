using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TradeSentinel.Alerting.Hooks;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Telemetry;
using TradeSentinel.Service.Hosting;
using TradeSentinel.Tests.Fixtures;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tests.Integration;

/// <summary>The attack stretch replayed with freeze hooks configured, against real HTTP receivers on loopback.</summary>
[Collection(PipelineCollection.Name)]
public sealed class FreezeHookTests : IDisposable
{
    private const string Secret = "whsec-5f1d0c9a-known";
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-hooks-").FullName;

    private static string[] Hook(int index, string name, string url, params string[] extra) =>
    [
        $"--Hooks:Endpoints:{index}:Name", name, $"--Hooks:Endpoints:{index}:Url", url, $"--Hooks:Endpoints:{index}:Secret", Secret, .. extra,
    ];

    private async Task<PipelineRun.Result> Replay(params string[] args) =>
        await PipelineRun.ExecuteAsync(["--Scoring:ModelPath", TrainedModel.Shared.Path, "--Hooks:BaseDelayMs", "20", "--Hooks:MaxDelayMs", "200", .. args],
            AttackStretch.WriteTo(_dir));

    [Fact]
    public async Task Every_recommendation_reaches_each_hook_that_wants_it_once_and_signed_even_when_first_attempts_fail()
    {
        using var all = new HookReceiver(Secret) { FailFirstAttempts = 1 }.Start();
        using var appOnly = new HookReceiver(Secret).Start();
        var run = await Replay([
            .. Hook(0, "freeze-service", all.Url),
            .. Hook(1, "app-desk", appOnly.Url, "--Hooks:Endpoints:1:Actions:0", "revoke_app_keys", "--Hooks:Endpoints:1:MinSeverity", "critical"),
        ]);

        var ids = AlertIds(run.Alerts);
        Assert.NotEmpty(ids);
        Assert.Equal(ids, all.Accepted.Keys.Order().ToList());
        Assert.Equal(0, all.Duplicates);
        Assert.Equal(0, all.BadSignatures);
        Assert.Equal(2 * ids.Count, all.Requests); // each failed once, then went through
        var wanted = AlertIds(run.Alerts.Where(a => a is { Action: AlertActions.RevokeAppKeys, Severity: "critical" }));
        Assert.NotEmpty(wanted);
        Assert.Equal(wanted, appOnly.Accepted.Keys.Order().ToList());
        // The body is the recommendation exactly as on the alert topic.
        var received = all.Bodies.Select(b => JsonSerializer.Deserialize(b, SentinelJson.Default.FreezeRecommendation)!).ToList();
        Assert.Equal(run.Alerts.Select(Json).Order(), received.Select(Json).Order());
    }

    [Fact]
    public async Task A_receiver_down_for_a_while_holds_back_no_other_hook_and_gets_every_recommendation_once_it_is_back()
    {
        var expected = AlertIds(await UndisturbedStretch.AlertsAsync());
        using var down = new HookReceiver(Secret);
        using var healthy = new HookReceiver(Secret).Start();
        using var delivered = new CounterRecorder("sentinel.hook.deliveries", label: "outcome");
        var comesBack = Task.Run(async () =>
        {
            // Down until the healthy hook has everything: a hook that is down must not hold it back.
            while (healthy.Accepted.Count < expected.Count) await Task.Delay(20);
            down.Start();
        }).WaitAsync(TimeSpan.FromSeconds(90));
        var run = await Replay([.. Hook(0, "freeze-service", down.Url), .. Hook(1, "audit", healthy.Url), "--Hooks:MaxAttempts", "1000"]);
        await comesBack;

        Assert.Equal(expected, AlertIds(run.Alerts));
        Assert.Equal(expected, down.Accepted.Keys.Order().ToList());
        Assert.Equal(expected, healthy.Accepted.Keys.Order().ToList());
        Assert.Equal(0, down.Duplicates + healthy.Duplicates);
        Assert.True(delivered.Of("retried") > 0, "the outage was felt: deliveries were retried");
        Assert.Equal(0, delivered.Of("dead_lettered"));
        Assert.Equal(2 * expected.Count, delivered.Of("delivered"));
    }

    [Fact]
    public async Task A_delivery_out_of_attempts_goes_to_the_dead_letter_topic_with_its_reason_and_no_secret()
    {
        using var receiver = new HookReceiver(Secret); // never started: connection refused
        using var broker = new EmbeddedKafkaCluster();
        var topics = broker.CreatePipelineTopics(3);
        var run = await Replay([.. Hook(0, "freeze-service", receiver.Url), "--Hooks:MaxAttempts", "2", "--Kafka:BootstrapServers", broker.BootstrapServers]);

        var letters = DeadLetterTopic.Read(broker.BootstrapServers, topics.DeadLetters, run.Alerts.Count);
        Assert.NotEmpty(run.Alerts);
        Assert.Equal(run.Alerts.Count, letters.Count);
        Assert.All(letters, l =>
        {
            Assert.Equal(HookStage.DeliveryFailed, l.Reason);
            Assert.StartsWith("hook 'freeze-service': request failed", l.Detail);
            Assert.Contains("after 2 attempt(s)", l.Detail);
            Assert.DoesNotContain(Secret, l.Detail + l.Raw);
            Assert.DoesNotContain(receiver.Url, l.Detail);
            Assert.StartsWith(topics.Alerts + "/", l.Source);
        });
        var lettered = letters.Select(l => JsonSerializer.Deserialize(l.Raw, SentinelJson.Default.FreezeRecommendation)!.AlertId).Order();
        Assert.Equal(AlertIds(run.Alerts), lettered.ToList());
    }

    [Fact]
    public async Task Ids_with_CR_LF_or_non_ascii_characters_are_delivered_or_dead_lettered_safely_and_the_stage_goes_on()
    {
        using var receiver = new HookReceiver(Secret).Start();
        using var down = new HookReceiver(Secret); // never started: every delivery to it is dead-lettered
        using var broker = new EmbeddedKafkaCluster();
        var topics = new TopicNames();
        foreach (var topic in topics.All) broker.CreateTopic(topic, 3);
        string[] ids = ["fa:victim:A1\r\nX-Injected: yes:high", "fa:victim:Aü€:high", "fa:victim:A2:high"];
        var kafka = new KafkaClients(Options.Create(new KafkaOptions { BootstrapServers = broker.BootstrapServers }));
        using (var producer = new ProducerBuilder<string?, byte[]>(kafka.Producer("test")).Build())
        {
            foreach (var id in ids)
                producer.Produce(topics.Alerts, new Message<string?, byte[]> { Key = id, Value = Recommendation(id) });
            producer.Flush(TimeSpan.FromSeconds(10));
        }

        var builder = SentinelHost.CreateBuilder([.. Hook(0, "freeze-service", receiver.Url), .. Hook(1, "audit", down.Url), "--Hooks:MaxAttempts", "1"],
            new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = broker.BootstrapServers });
        builder.Services.AddStages(SentinelHost.Stages.Hooks);
        await using var app = builder.Build();
        await app.StartAsync();
        var hooks = app.Services.GetRequiredService<HookStage>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (hooks.Handled < ids.Length && DateTime.UtcNow < deadline) await Task.Delay(50);

        Assert.Equal(ids.Length, hooks.Handled);
        Assert.False(app.Lifetime.ApplicationStopping.IsCancellationRequested, "the hook stage is still running");
        Assert.Equal(ids.Select(HeaderSafeId.Encode).Order(), receiver.Accepted.Keys.Order());
        Assert.Equal(0, receiver.BadSignatures);
        Assert.All(receiver.Captured, r => Assert.DoesNotContain("X-Injected", r.Headers.Keys));
        var letters = DeadLetterTopic.Read(broker.BootstrapServers, topics.DeadLetters, ids.Length);
        Assert.Equal(ids.Length, letters.Count);
        Assert.All(letters, l => Assert.DoesNotContain('\n', l.Detail));
        Assert.Contains(letters, l => l.Detail.EndsWith("alert fa:victim:A1%0D%0AX-Injected:%20yes:high", StringComparison.Ordinal));
        await app.StopAsync();
    }

    private static byte[] Recommendation(string id) => JsonSerializer.SerializeToUtf8Bytes(new FreezeRecommendation
    {
        AlertId = id,
        Ts = 1,
        Action = AlertActions.FreezeAccount,
        Severity = "high",
        Reasons = [],
        TradeIds = ["T1"],
        ModelVersion = "test",
    }, SentinelJson.Default.FreezeRecommendation);

    private static List<string> AlertIds(IEnumerable<FreezeRecommendation> alerts) => alerts.Select(a => a.AlertId).Order().ToList();

    private static string Json(FreezeRecommendation alert) => JsonSerializer.Serialize(alert, SentinelJson.Default.FreezeRecommendation);

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
