using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.AnalystConsole;

/// <summary>The models page: a published shadow comparison, read against the analysts' decisions on its subjects.</summary>
public sealed partial class ModelsPageTests
{
    [Fact]
    public async Task A_viewer_sees_a_candidates_lost_confirmed_subject_as_a_regression_and_its_gained_dismissed_one_as_a_likely_false_positive()
    {
        await using var rig = await ConsoleRig.StartAsync(replayClassic: false);
        var kafka = rig.Broker.Clients();
        using (var producer = new ProducerBuilder<string, byte[]>(kafka.Producer("test")).Build())
        {
            await producer.ProduceAsync(kafka.Options.Topics.Decisions, Decision("a-confirmed", "freeze_account:A100", AnalystDecision.Confirm));
            await producer.ProduceAsync(kafka.Options.Topics.Decisions, Decision("a-dismissed", "revoke_api_key:K200", AnalystDecision.Dismiss));
            var diff = new ShadowDiff
            {
                CandidateModelVersion = "pca-candidate1",
                LiveModelVersion = "fasttree-live1",
                Input = "recent.jsonl.gz",
                Trades = 8_000,
                Lost = [Subject("freeze_account:A100"), Subject("freeze_account:A300")],
                Gained = [Subject("revoke_api_key:K200"), Subject("revoke_api_key:K400")],
                Kept = ["revoke_app_keys:app-x"],
            };
            await producer.ProduceAsync(kafka.Options.Topics.Shadow,
                new Message<string, byte[]> { Key = diff.CandidateModelVersion, Value = JsonSerializer.SerializeToUtf8Bytes(diff, SentinelJson.Default.ShadowDiff) });
        }

        using var client = new ConsoleClient(rig.Url);
        await client.SignInAsync("viewer", "sentinel-viewer");
        var page = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(20); !page.Contains("pca-candidate1") && DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            var response = await client.GetAsync("/models");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            page = await response.Content.ReadAsStringAsync();
        }

        Assert.Contains("""<a href="/models">Models</a>""", page);
        Assert.Contains("against live fasttree-live1 on recent.jsonl.gz", page);
        Assert.Contains("1 regressions", page);
        Assert.Contains("regression", Row(page, "lost", "freeze_account:A100"));
        Assert.DoesNotContain("regression", Row(page, "lost", "freeze_account:A300"));
        Assert.Contains("likely false positive", Row(page, "gained", "revoke_api_key:K200"));
        Assert.DoesNotContain("likely false positive", Row(page, "gained", "revoke_api_key:K400"));
    }

    private static Message<string, byte[]> Decision(string alertId, string subject, string kind) => new()
    {
        Key = alertId,
        Value = JsonSerializer.SerializeToUtf8Bytes(new AnalystDecision
        {
            AlertId = alertId,
            Decision = kind,
            Subject = subject,
            By = "analyst",
            At = 1_700_000_000_000,
            Reason = kind == AnalystDecision.Dismiss ? "a market maker" : null,
        }, SentinelJson.Default.AnalystDecision),
    };

    private static ShadowSubject Subject(string subject) => new()
    {
        Subject = subject,
        Action = subject.Split(':')[0],
        Severity = "high",
        Score = 0.97,
        Ts = 1_672_190_077_000,
        AlertId = $"id-{subject}",
        Recommendations = 1,
        Reasons = ["paid 3.0x the 15-min VWAP"],
    };

    /// <summary>The table row of <paramref name="subject"/> in the <paramref name="kind"/> table.</summary>
    private static string Row(string page, string kind, string subject) =>
        Rows().Matches(page).Select(m => m.Value).Single(r => r.StartsWith($"<tr class=\"{kind}\"><td>{subject}</td>", StringComparison.Ordinal));

    [GeneratedRegex("<tr class=\"(lost|gained)\">.*?</tr>")]
    private static partial Regex Rows();
}
