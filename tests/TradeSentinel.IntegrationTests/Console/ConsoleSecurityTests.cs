using System.Net;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.AnalystConsole;

/// <summary>Nothing of the console without a session; deciding needs the analyst role and the form's antiforgery token.</summary>
public sealed class ConsoleSecurityTests(ConsoleSecurityTests.EmptyConsole console) : IClassFixture<ConsoleSecurityTests.EmptyConsole>
{
    /// <summary>One console for the class: no test here records anything.</summary>
    public sealed class EmptyConsole : IAsyncLifetime
    {
        public ConsoleRig Rig { get; private set; } = null!;

        public async Task InitializeAsync() => Rig = await ConsoleRig.StartAsync(replayClassic: false);

        public async Task DisposeAsync() => await Rig.DisposeAsync();
    }

    private readonly ConsoleRig _rig = console.Rig;

    [Theory]
    [InlineData("/")]
    [InlineData("/incidents/1")]
    [InlineData("/suppressions")]
    [InlineData("/models")]
    [InlineData("/?state=open")]
    public async Task A_page_without_a_session_redirects_to_sign_in(string path)
    {
        using var client = new ConsoleClient(_rig.Url);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_decision_without_a_session_is_refused_and_recorded_nowhere()
    {
        using var client = new ConsoleClient(_rig.Url);
        var response = await client.PostAsync("/decide", new() { ["number"] = "1", ["decision"] = "dismiss", ["reason"] = "x" }, tokenFrom: "/signin");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest, response.StatusCode.ToString());
        Assert.Empty(_rig.Decisions());
    }

    [Fact]
    public async Task Sign_in_page_health_and_metrics_are_open()
    {
        using var client = new ConsoleClient(_rig.Url);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/signin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var metrics = await (await client.GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.Contains("sentinel_console_caught_up", metrics);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_401_and_opens_no_session()
    {
        using var client = new ConsoleClient(_rig.Url);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync("analyst", "not-the-password")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync("nobody", "sentinel-analyst")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task The_dev_analyst_signs_in_and_sees_the_queue()
    {
        using var client = new ConsoleClient(_rig.Url);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync("analyst", "sentinel-analyst")).StatusCode);
        var queue = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        Assert.Contains("id=\"queue\"", await queue.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_viewer_cannot_decide()
    {
        using var client = new ConsoleClient(_rig.Url);
        await client.SignInAsync("viewer", "sentinel-viewer");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var response = await client.PostAsync("/decide", new() { ["number"] = "1", ["decision"] = "confirm" }, tokenFrom: "/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/denied", response.Headers.Location!.AbsolutePath);
        Assert.Empty(_rig.Decisions());
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var client = new ConsoleClient(_rig.Url);
        await client.SignInAsync("analyst", "sentinel-analyst");
        var response = await client.PostAsync("/decide", new() { ["number"] = "1", ["decision"] = "confirm" }, tokenFrom: null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var signIn = await client.PostAsync("/signin", new() { ["name"] = "analyst", ["password"] = "sentinel-analyst" }, tokenFrom: null);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
    }
}
