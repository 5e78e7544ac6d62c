using System.Net;
using System.Text;
using TradeSentinel.Alerting.Hooks;
using TradeSentinel.Infrastructure.Telemetry;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Alerting;

public sealed class HookDeliveryTests : IDisposable
{
    private const string Secret = "hook-secret-3c0mm4s";
    private const string AlertId = "rk:K1:critical";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"alert_id":"rk:K1:critical","action":"revoke_api_key"}""");

    private readonly HookReceiver _receiver = new HookReceiver(Secret).Start();
    private readonly HttpClient _http = HookHttp.CreateClient();
    private readonly HookOptions _options = new() { MaxAttempts = 4, BaseDelayMs = 10, MaxDelayMs = 40, TimeoutMs = 2000 };

    private HookEndpoint Endpoint(string secret = Secret, string? url = null) => new() { Name = "freeze-api", Url = url ?? _receiver.Url, Secret = secret };

    private Task<HookOutcome> Deliver(HookEndpoint endpoint, string alertId = AlertId) =>
        new HookDelivery(_http, _options, new SentinelMetrics()).DeliverAsync(endpoint, endpoint.SigningKey(), alertId, Body, CancellationToken.None);

    [Fact]
    public async Task A_transient_failure_is_retried_and_every_attempt_is_signed_with_the_alert_id_as_webhook_id_and_idempotency_key()
    {
        _receiver.FailFirstAttempts = 2;
        var outcome = await Deliver(Endpoint());
        Assert.Equal(new HookOutcome(true, 3, null), outcome);
        Assert.Equal(3, _receiver.Requests);
        Assert.Equal(0, _receiver.BadSignatures);
        Assert.Equal(1, _receiver.Accepted[AlertId]);
        Assert.All(_receiver.Captured, r => Assert.Equal(AlertId, r.Headers[HookSignature.IdempotencyHeader]));
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
    public async Task A_captured_request_replayed_later_than_five_minutes_is_refused_by_the_receiver()
    {
        Assert.True((await Deliver(Endpoint())).Delivered);
        var captured = Assert.Single(_receiver.Captured);
        // The same request within the tolerance still verifies (the receiver drops it by its id)...
        Assert.Equal(HttpStatusCode.OK, await _receiver.ResendAsync(captured));
        // ...but six minutes on, its signed timestamp gives it away, and the signature binds the timestamp.
        _receiver.Clock = () => DateTimeOffset.UtcNow.AddMinutes(6);
        Assert.Equal(HttpStatusCode.Unauthorized, await _receiver.ResendAsync(captured));
        var refreshed = new Dictionary<string, string>(captured.Headers)
        {
            [HookSignature.TimestampHeader] = DateTimeOffset.UtcNow.AddMinutes(6).ToUnixTimeSeconds().ToString(),
        };
        Assert.Equal(HttpStatusCode.Unauthorized, await _receiver.ResendAsync(captured with { Headers = refreshed }));
        Assert.Equal(2, _receiver.BadSignatures);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_fails_the_delivery_with_its_reason()
    {
        using var elsewhere = new HookReceiver(Secret).Start();
        _receiver.RedirectTo = elsewhere.Url;
        var outcome = await Deliver(Endpoint());
        Assert.False(outcome.Delivered);
        Assert.Equal("HTTP 307 redirect, not followed", outcome.Failure);
        Assert.Equal(_options.MaxAttempts, outcome.Attempts); // maybe a receiver in maintenance: retried, then dead-lettered
        Assert.Equal(_options.MaxAttempts, _receiver.Requests);
        Assert.Equal(0, elsewhere.Requests);
    }

    [Theory]
    [InlineData("rk:K1\r\nX-Injected: yes:critical", "rk:K1%0D%0AX-Injected:%20yes:critical")]
    [InlineData("rk:Kü€:critical", "rk:K%C3%BC%E2%82%AC:critical")]
    [InlineData("rk:K%0A:critical", "rk:K%250A:critical")] // an id that looks encoded stays distinct from the one it looks like
    public async Task An_id_with_control_or_non_ascii_characters_is_delivered_signed_under_its_header_safe_encoding(string alertId, string sent)
    {
        var outcome = await Deliver(Endpoint(), alertId);
        Assert.Equal(new HookOutcome(true, 1, null), outcome);
        Assert.Equal(0, _receiver.BadSignatures);
        var request = Assert.Single(_receiver.Captured);
        Assert.Equal(sent, request.Headers[HookSignature.IdHeader]);
        Assert.Equal(sent, request.Headers[HookSignature.IdempotencyHeader]);
        Assert.DoesNotContain("X-Injected", request.Headers.Keys);
    }

    [Fact]
    public void The_signature_covers_the_id_the_timestamp_and_the_exact_body()
    {
        var key = HookSignature.Key(Secret);
        var now = DateTimeOffset.UtcNow;
        var ts = now.ToUnixTimeSeconds();
        var signature = HookSignature.Sign(key, AlertId, ts, Body);
        Assert.Matches("^v1,[A-Za-z0-9+/]{43}=$", signature);
        bool Verify(string id, long timestamp, byte[] body, string? header) =>
            HookSignature.Verify(key, id, timestamp.ToString(), body, header, now, HookSignature.Tolerance);
        Assert.True(Verify(AlertId, ts, Body, signature));
        Assert.True(Verify(AlertId, ts, Body, $"v1,{Convert.ToBase64String(new byte[32])} {signature}")); // one of several, as during a key rotation
        var tampered = (byte[])Body.Clone();
        tampered[^3] ^= 1;
        Assert.False(Verify(AlertId, ts, tampered, signature));
        Assert.False(Verify(AlertId, ts - 1, Body, signature));
        Assert.False(Verify("rk:K2:critical", ts, Body, signature));
        Assert.False(Verify(AlertId, ts, Body, null));
        Assert.False(Verify(AlertId, ts, Body, "v1,not base64"));
        Assert.False(HookSignature.Verify(key, AlertId, "yesterday", Body, signature, now, HookSignature.Tolerance));
    }

    [Fact]
    public void A_timestamp_more_than_five_minutes_from_the_receivers_clock_is_refused_either_way()
    {
        var key = HookSignature.Key(Secret);
        var now = DateTimeOffset.UtcNow;
        foreach (var (offset, valid) in new[] { (-299, true), (299, true), (-301, false), (301, false) })
        {
            var ts = now.AddSeconds(offset).ToUnixTimeSeconds();
            Assert.Equal(valid, HookSignature.Verify(key, AlertId, ts.ToString(), Body, HookSignature.Sign(key, AlertId, ts, Body), now, HookSignature.Tolerance));
        }
    }

    [Fact]
    public void A_whsec_secret_signs_as_the_Standard_Webhooks_reference_vector()
    {
        var key = HookSignature.Key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            HookSignature.Sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}"""u8));
        // Any other secret is its UTF-8 bytes: the same key as whsec_ + base64 of them.
        Assert.Equal(HookSignature.Key(Secret), HookSignature.Key("whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret))));
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
    public void A_hook_without_a_usable_secret_or_with_an_unknown_severity_is_refused()
    {
        Assert.Throws<InvalidOperationException>(new HookEndpoint { Name = "a", Url = "https://h.example/x" }.Validate);
        Assert.Throws<InvalidOperationException>(new HookEndpoint { Name = "a", Url = "https://h.example/x", Secret = "s", MinSeverity = "urgent" }.Validate);
        var notBase64 = Assert.Throws<InvalidOperationException>(new HookEndpoint { Name = "a", Url = "https://h.example/x", Secret = "whsec_not*base64" }.Validate);
        Assert.DoesNotContain("not*base64", notBase64.Message);
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
