using PuppeteerSharp;
using TradeSentinel.Alerting.Suppression;
using TradeSentinel.Core.Contract;
using TradeSentinel.DevInfrastructure;
using TradeSentinel.Service.Hosting;
using TradeSentinel.Tests.Fixtures;
using TradeSentinel.Tools.Hosting;
using TradeSentinel.Tools.Replay;

namespace TradeSentinel.Tests.AnalystConsole;

/// <summary>
/// The console in a real browser (Debian's chromium, headless) over the classic sample replayed
/// through the whole pipeline: an analyst signs in, opens the newest incident, dismisses a
/// recommendation; the decision is on the topic, the subject on the allowlist, and the alerter,
/// given the same stream again, no longer recommends it. Saves the README's screenshots.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ConsoleBrowserTests
{
    private static string Screenshot(string name) => Path.Combine(RepoPaths.Root, "docs", "console", name);

    [Fact]
    public async Task An_analyst_dismisses_a_recommendation_and_the_alerter_stops_recommending_its_subject()
    {
        await using var rig = await ConsoleRig.StartAsync(replayClassic: true);
        var firstRun = rig.Replay!.Alerts;
        Assert.NotEmpty(firstRun);
        await using var browser = await Chromium.LaunchAsync();
        await using var page = await browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 1000 });

        // Without a session every page is the sign-in page.
        await page.GoToAsync(rig.Url + "/suppressions");
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
        await page.TypeAsync("input[name=name]", "analyst");
        await page.TypeAsync("input[name=password]", "sentinel-analyst");
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("#sign-in"));
        Assert.Equal("/suppressions", new Uri(page.Url).AbsolutePath);

        await page.GoToAsync(rig.Url + "/");
        Assert.NotEmpty(await page.QuerySelectorAllAsync("tr.incident"));
        Directory.CreateDirectory(Path.GetDirectoryName(Screenshot("queue.png"))!);
        await page.ScreenshotAsync(Screenshot("queue.png"));

        // The newest incident: its chart marks the flagged fills.
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("tr.incident a"));
        Assert.Matches("^/incidents/[0-9]+$", new Uri(page.Url).AbsolutePath);
        Assert.NotEmpty(await page.QuerySelectorAllAsync("svg circle.flagged"));
        var number = int.Parse(await page.EvaluateExpressionAsync<string>("document.querySelector('tr.recommendation').dataset.number"));
        await page.SelectAsync("tr.recommendation form.decide select[name=decision]", AnalystDecision.Dismiss);
        await page.TypeAsync("tr.recommendation form.decide input[name=reason]", "the owner's own bot");
        await page.TypeAsync("tr.recommendation form.decide input[name=note]", "confirmed with the account owner by phone");
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("tr.recommendation form.decide button"));
        Assert.Equal(AnalystDecision.Dismiss,
            await page.EvaluateExpressionAsync<string>($"document.querySelector('tr.recommendation[data-number=\"{number}\"] .decision').textContent"));
        await page.ScreenshotAsync(Screenshot("incident.png"));

        // The decision is on the topic, keyed by the recommendation, attributed and timed.
        var dismissed = rig.Board.Recommendation(number)!;
        var (key, decision, json) = Assert.Single(rig.Decisions());
        Schemas.AssertValid(Schemas.Load("analyst-decision.v1.schema.json"), json);
        Assert.Equal(dismissed.Alert.AlertId, key);
        Assert.Equal((AnalystDecision.Dismiss, "analyst", "the owner's own bot", dismissed.Subject), (decision.Decision, decision.By, decision.Reason, decision.Subject));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.InRange(decision.At, now - 120_000, now);
        Assert.InRange(decision.SuppressUntil!.Value, now + 6 * 86_400_000L, now + 8 * 86_400_000L);

        // The allowlist shows it.
        await page.GoToAsync(rig.Url + "/suppressions");
        Assert.Contains(Html(dismissed.Subject), await page.GetContentAsync());

        // The same stream again through a new broker, the pipeline's Redis state cleared but for the allowlist:
        // every recommendation comes again but the dismissed subject's.
        var db = rig.Redis.Connector.Connection.GetDatabase();
        var server = rig.Redis.Connector.Connection.GetServer(rig.Redis.Connector.Connection.GetEndPoints()[0]);
        foreach (var k in server.Keys(pattern: "*").ToList())
            if (!k.ToString().Contains("suppress", StringComparison.Ordinal)) await db.KeyDeleteAsync(k);
        var secondRun = await PipelineRun.ExecuteAsync(
            ["--Redis:Configuration", rig.Redis.Server.Configuration, "--Scoring:ModelPath", TrainedModel.Shared.Path], RepoPaths.Sample("classic.trades.jsonl.gz"));
        Assert.DoesNotContain(secondRun.Alerts, a => SuppressionSubject.Of(a) == dismissed.Subject);
        Assert.Equal(firstRun.Where(a => SuppressionSubject.Of(a) != dismissed.Subject).Select(a => a.AlertId).Order(),
            secondRun.Alerts.Select(a => a.AlertId).Order());
    }

    [Fact]
    public async Task A_browser_without_a_session_sees_only_the_sign_in_page()
    {
        await using var rig = await ConsoleRig.StartAsync(replayClassic: false);
        await using var browser = await Chromium.LaunchAsync();
        await using var page = await browser.NewPageAsync();
        foreach (var path in new[] { "/", "/incidents/1", "/suppressions" })
        {
            await page.GoToAsync(rig.Url + path);
            Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
            Assert.Null(await page.QuerySelectorAsync("#queue"));
        }
    }

    private static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);
}
