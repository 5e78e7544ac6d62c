using System.Text;
using TradeSentinel.Alerting.Hooks;
using TradeSentinel.Infrastructure.Telemetry;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Alerting;

/// <summary>The sample receiver in README's hooks section, run as written on requests the hook stage really sent.</summary>
public sealed class HookVerifierSampleTests : IDisposable
{
    private const string AlertId = "fa:victim:A1:high";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"alert_id":"fa:victim:A1:high","action":"freeze_account"}""");
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-verify-").FullName;

    private static string Script()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var start = readme.IndexOf("```sh\n#!/bin/sh\n# verify-hook.sh", StringComparison.Ordinal);
        Assert.True(start >= 0, "README's hooks section shows verify-hook.sh");
        start += "```sh\n".Length;
        return readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
    }

    /// <summary>One request as the hook stage sends it, signed at <paramref name="signedAt"/>, as its receiver captured it.</summary>
    private static async Task<CapturedRequest> Captured(string secret, DateTimeOffset signedAt)
    {
        using var receiver = new HookReceiver(secret).Start();
        using var http = HookHttp.CreateClient();
        var hook = new HookEndpoint { Name = "freeze", Url = receiver.Url, Secret = secret };
        await new HookDelivery(http, new HookOptions { MaxAttempts = 1 }, new SentinelMetrics(), new FixedClock(signedAt))
            .DeliverAsync(hook, hook.SigningKey(), AlertId, Body, CancellationToken.None);
        return Assert.Single(receiver.Captured);
    }

    private (int ExitCode, string Output) Verify(string secret, CapturedRequest request, byte[]? body = null)
    {
        var script = Path.Combine(_dir, "verify-hook.sh");
        File.WriteAllText(script, Script());
        var bodyFile = Path.Combine(_dir, "body");
        File.WriteAllBytes(bodyFile, body ?? request.Body);
        return ExternalTool.Run("sh", [script, bodyFile], environment: new Dictionary<string, string>
        {
            ["HOOK_SECRET"] = secret,
            ["WEBHOOK_ID"] = request.Headers[HookSignature.IdHeader],
            ["WEBHOOK_TIMESTAMP"] = request.Headers[HookSignature.TimestampHeader],
            ["WEBHOOK_SIGNATURE"] = request.Headers[HookSignature.Header],
        });
    }

    [Theory]
    [InlineData("a plain secret: with spaces")]
    [InlineData("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    public async Task The_README_receiver_accepts_a_fresh_delivery_and_refuses_a_tampered_or_replayed_one(string secret)
    {
        var fresh = await Captured(secret, DateTimeOffset.UtcNow);
        Assert.Equal(0, Verify(secret, fresh).ExitCode);

        var tampered = (byte[])fresh.Body.Clone();
        tampered[^3] ^= 1;
        Assert.Equal((1, "signature does not verify\n"), Verify(secret, fresh, tampered));
        Assert.Equal(1, Verify(secret, fresh with { Headers = With(fresh, HookSignature.IdHeader, "fa:victim:A2:high") }).ExitCode);
        Assert.Equal(1, Verify("another secret", fresh).ExitCode);

        // A request captured six minutes ago, sent again as it was; or with its timestamp refreshed, which breaks its signature.
        var old = await Captured(secret, DateTimeOffset.UtcNow.AddMinutes(-6));
        Assert.Equal((1, "timestamp more than 5 minutes off: a replay?\n"), Verify(secret, old));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        Assert.Equal((1, "signature does not verify\n"), Verify(secret, old with { Headers = With(old, HookSignature.TimestampHeader, now) }));
    }

    private static Dictionary<string, string> With(CapturedRequest request, string header, string value) =>
        new(request.Headers) { [header] = value };

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
