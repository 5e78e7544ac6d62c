using System.Net;
using System.Text;
using TradeSentinel.Alerting.Hooks;
using TradeSentinel.Infrastructure.Telemetry;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Alerting;

public sealed class HookDeliveryTests : IDisposable
{
    private const string Secret = "hook-secret-3c0mm4s";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"alert_id":"rk:K1:critical","action":"revoke_api_key"}""");

    private readonly HookReceiver _receiver = new HookReceiver(Secret).Start();
    private readonly HttpClient _http = new();
    private readonly HookOptions _options = new() { MaxAttempts = 4, BaseDelayMs = 10, MaxDelayMs = 40, TimeoutMs = 2000 };

    private HookEndpoint Endpoint(string secret = Secret) => new() { Name = "freeze-api", Url = _receiver.Url, Secret = secret };

    private Task<HookOutcome> Deliver(HookEndpoint endpoint) =>
        new HookDelivery(_http, _options, new SentinelMetrics()).DeliverAsync(endpoint, endpoint.SecretBytes(), "rk:K1:critical", Body, CancellationToken.None);

    [Fact]
    public async Task A_transient_failure_is_retried_and_every_attempt_is_signed_with_the_alert_id_as_idempotency_key()
    {
        _receiver.FailFirstAttempts = 2;
        var outcome = await Deliver(Endpoint());
        Assert.Equal(new HookOutcome(true, 3, null), outcome);
        Assert.Equal(3, _receiver.Requests);
        Assert.Equal(0, _receiver.BadSignatures);
        Assert.Equal(1, _receiver.Accepted["rk:K1:critical"]);
    }

    [Fact]
    public async Task A_refusal_is_not_retried()
    {
        _receiver.AlwaysAnswer = HttpStatusCode.BadRequest;
        var outcome = await Deliver(Endpoint());
        Assert.False(outcome.Delivered);
        Assert.Equal(1, outcome.Attempts);
        Assert.Equal("HTTP 400", outcome.Failure);
    }

    [Fact]
    public async Task A_receiver_that_stays_down_fails_after_the_last_attempt_without_naming_its_url()
    {
        _receiver.Stop();
        var outcome = await Deliver(Endpoint());
        Assert.False(outcome.Delivered);
        Assert.Equal(_options.MaxAttempts, outcome.Attempts);
        Assert.Contains("request failed", outcome.Failure);
        Assert.DoesNotContain(_receiver.Port.ToString(), outcome.Failure);
    }

    [Fact]
    public async Task A_receiver_checking_signatures_refuses_a_request_signed_with_another_secret()
    {
        var outcome = await Deliver(Endpoint(secret: "not-the-receivers-secret"));
        Assert.False(outcome.Delivered);
        Assert.Equal("HTTP 401", outcome.Failure);
        Assert.Equal(1, _receiver.BadSignatures);
    }

    [Fact]
    public void The_signature_covers_the_exact_body()
    {
        var secret = Encoding.UTF8.GetBytes(Secret);
        var signature = HookSignature.Sign(secret, Body);
        Assert.Matches("^sha256=[0-9a-f]{64}$", signature);
        Assert.True(HookSignature.Verify(secret, Body, signature));
        var tampered = (byte[])Body.Clone();
        tampered[^3] ^= 1;
        Assert.False(HookSignature.Verify(secret, tampered, signature));
        Assert.False(HookSignature.Verify(secret, Body, null));
    }

    [Fact]
    public void Backoff_doubles_with_jitter_up_to_the_cap()
    {
        var delivery = new HookDelivery(_http, new HookOptions { BaseDelayMs = 100, MaxDelayMs = 1000 }, new SentinelMetrics());
        for (var i = 0; i < 50; i++)
        {
            Assert.InRange(delivery.Backoff(1).TotalMilliseconds, 50, 100);
            Assert.InRange(delivery.Backoff(3).TotalMilliseconds, 200, 400);
            Assert.InRange(delivery.Backoff(10).TotalMilliseconds, 500, 1000);
        }
    }

    [Theory]
    [InlineData("http://hooks.example.com/freeze", "must use https")]
    [InlineData("https://user:pw@hooks.example.com/freeze", "credentials")]
    [InlineData("ftp://hooks.example.com/freeze", "absolute http(s) Url")]
    [InlineData("/freeze", "absolute http(s) Url")]
    public void Unsafe_hook_urls_are_refused_at_startup_without_echoing_the_secret(string url, string reason)
    {
        var options = new HookOptions { Endpoints = [new HookEndpoint { Name = "freeze-api", Url = url, Secret = Secret }] };
        var error = Assert.Throws<InvalidOperationException>(options.Validate);
        Assert.Contains(reason, error.Message);
        Assert.DoesNotContain(Secret, error.Message);
    }

    [Fact]
    public void A_hook_without_a_secret_or_with_an_unknown_severity_is_refused()
    {
        Assert.Throws<InvalidOperationException>(new HookEndpoint { Name = "a", Url = "https://h.example/x" }.Validate);
        Assert.Throws<InvalidOperationException>(new HookEndpoint { Name = "a", Url = "https://h.example/x", Secret = "s", MinSeverity = "urgent" }.Validate);
        new HookEndpoint { Name = "a", Url = "https://h.example/x", Secret = "s" }.Validate();
    }

    [Fact]
    public void A_hook_receives_only_the_actions_and_severities_it_asked_for()
    {
        var hook = new HookEndpoint { Actions = ["revoke_app_keys"], MinSeverity = "high" };
        Assert.True(hook.Wants("revoke_app_keys", "critical"));
        Assert.True(hook.Wants("revoke_app_keys", "high"));
        Assert.False(hook.Wants("revoke_app_keys", "medium"));
        Assert.False(hook.Wants("revoke_api_key", "critical"));
        Assert.True(new HookEndpoint().Wants("freeze_account", "medium"));
    }

    public void Dispose()
    {
        _receiver.Dispose();
        _http.Dispose();
    }
}
