namespace TradeSentinel.Alerting.Hooks;

/// <summary>The HTTP client hooks deliver with.</summary>
public static class HookHttp
{
    /// <summary>
    /// Redirects are never followed: a 307 would re-post the signed recommendation to wherever the
    /// receiver (or whoever answers for it) points, and an http redirect from a loopback URL would get
    /// around the https rule. A 3xx is a failed attempt instead (<see cref="HookDelivery"/>).
    /// </summary>
    public static HttpClient CreateClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each attempt has its own timeout
        };
}
