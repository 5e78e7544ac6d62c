using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using TradeSentinel.Infrastructure.Telemetry;

namespace TradeSentinel.Alerting.Hooks;

/// <summary>What became of one recommendation sent to one hook.</summary>
public readonly record struct HookOutcome(bool Delivered, int Attempts, string? Failure);

/// <summary>
/// Sends one signed recommendation to one hook, retrying transient failures (network errors,
/// timeouts, 408, 429, 5xx, and redirects, which are never followed) with exponential backoff and
/// jitter. A 4xx other than those is the receiver refusing the request: retrying cannot help, so it
/// fails at once. Each attempt is signed anew, so a retry a minute later carries a fresh timestamp.
/// </summary>
public sealed class HookDelivery(HttpClient http, HookOptions options, SentinelMetrics metrics, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <param name="key">The hook's HMAC key (<see cref="HookSignature.Key"/>).</param>
    public async Task<HookOutcome> DeliverAsync(HookEndpoint hook, byte[] key, string alertId, byte[] body, CancellationToken stop)
    {
        // The id is signed as sent, so the receiver verifies exactly the header value it received.
        var id = HeaderSafeId.Encode(alertId);
        for (var attempt = 1; ; attempt++)
        {
            var (ok, retryable, failure) = await SendOnceAsync(hook, key, id, body, attempt, stop);
            if (ok)
            {
                Count(hook, "delivered");
                return new HookOutcome(true, attempt, null);
            }
            if (!retryable || attempt >= options.MaxAttempts)
            {
                Count(hook, "dead_lettered");
                return new HookOutcome(false, attempt, failure);
            }
            Count(hook, "retried");
            await Task.Delay(Backoff(attempt), stop);
        }
    }

    /// <summary>Exponential, capped, with jitter so that many deliveries failing together do not retry in step.</summary>
    public TimeSpan Backoff(int failedAttempts)
    {
        var ceiling = Math.Min(options.MaxDelayMs, options.BaseDelayMs * Math.Pow(2, failedAttempts - 1));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + Random.Shared.NextDouble() / 2));
    }

    private async Task<(bool Ok, bool Retryable, string Failure)> SendOnceAsync(HookEndpoint hook, byte[] key, string id,
        byte[] body, int attempt, CancellationToken stop)
    {
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(HookSignature.IdHeader, id);
        request.Headers.Add(HookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(HookSignature.Header, HookSignature.Sign(key, id, timestamp, body));
        request.Headers.Add(HookSignature.IdempotencyHeader, id);
        request.Headers.Add(HookSignature.AttemptHeader, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(options.TimeoutMs);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return (true, false, "");
            // Possibly a receiver in maintenance: tried again, but never followed (see HookHttp).
            if (status is >= 300 and < 400) return (false, true, $"HTTP {status} redirect, not followed");
            var retryable = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            return (false, retryable, $"HTTP {status}");
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return (false, true, $"no answer within {options.TimeoutMs} ms");
        }
        catch (HttpRequestException e)
        {
            // The message names the error class only (e.g. connection refused), never the URL, which may carry a token.
            return (false, true, $"request failed: {e.HttpRequestError}");
        }
        finally
        {
            metrics.HookDuration.Record(clock.Elapsed.TotalSeconds, new TagList { { "hook", hook.Name } });
        }
    }

    private void Count(HookEndpoint hook, string outcome) =>
        metrics.HookDeliveries.Add(1, new TagList { { "hook", hook.Name }, { "outcome", outcome } });
}
