using System.Security.Cryptography;

namespace TradeSentinel.Alerting.Hooks;

/// <summary>
/// The <c>X-Sentinel-Signature</c> header: <c>sha256=</c> and the hex HMAC-SHA256 of the exact
/// request body under the hook's secret. Receivers recompute it and compare in constant time.
/// </summary>
public static class HookSignature
{
    public const string Header = "X-Sentinel-Signature";
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string AttemptHeader = "X-Sentinel-Delivery-Attempt";

    public static string Sign(byte[] secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));

    public static bool Verify(byte[] secret, ReadOnlySpan<byte> body, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(Sign(secret, body)), System.Text.Encoding.ASCII.GetBytes(header));
}
