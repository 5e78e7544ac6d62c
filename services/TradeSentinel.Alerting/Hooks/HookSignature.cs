using System.Security.Cryptography;
using System.Text;

namespace TradeSentinel.Alerting.Hooks;

/// <summary>
/// Standard Webhooks signing (standardwebhooks.com): <c>webhook-signature</c> is <c>v1,</c> and the
/// base64 HMAC-SHA256 of <c>{webhook-id}.{webhook-timestamp}.{body}</c>. Signing the id and the time
/// with the body means a captured request cannot be replayed once its timestamp is older than the
/// receiver's tolerance, nor re-sent under another id.
/// </summary>
public static class HookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string Header = "webhook-signature";

    /// <summary>Kept for receivers that deduplicate on it: the same value as <see cref="IdHeader"/>.</summary>
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string AttemptHeader = "X-Sentinel-Delivery-Attempt";

    /// <summary>The spec's default tolerance, in both directions, between a request's timestamp and the receiver's clock.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private const string SecretPrefix = "whsec_";

    /// <summary>
    /// The HMAC key of a configured secret. A <c>whsec_</c> secret is the spec's form (base64 key
    /// bytes after the prefix); any other secret is used as its UTF-8 bytes, so secrets configured
    /// before the scheme changed keep working. A Standard Webhooks library on the receiving side takes
    /// the latter as <c>whsec_</c> + base64(UTF-8 of the secret).
    /// </summary>
    public static byte[] Key(string secret) =>
        TryKey(secret, out var key) ? key : throw new InvalidOperationException("Hooks: a 'whsec_' secret must be base64 after the prefix");

    public static bool TryKey(string secret, out byte[] key)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            key = Encoding.UTF8.GetBytes(secret);
            return true;
        }
        var encoded = secret[SecretPrefix.Length..];
        key = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, key, out var length)) return false;
        key = key[..length];
        return true;
    }

    public static string Sign(byte[] key, string id, long timestamp, ReadOnlySpan<byte> body) =>
        "v1," + Convert.ToBase64String(Mac(key, id, timestamp, body));

    /// <summary>
    /// True when the timestamp is within <paramref name="tolerance"/> of <paramref name="now"/> and one of
    /// the space-separated signatures (several during a key rotation) is ours, compared in constant time.
    /// </summary>
    public static bool Verify(byte[] key, string? id, string? timestamp, ReadOnlySpan<byte> body, string? signatures,
        DateTimeOffset now, TimeSpan tolerance)
    {
        if (id is null || signatures is null || !long.TryParse(timestamp, System.Globalization.NumberStyles.None, null, out var seconds))
            return false;
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds) return false;
        var expected = Mac(key, id, seconds, body);
        foreach (var signature in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!signature.StartsWith("v1,", StringComparison.Ordinal)) continue;
            var given = new byte[expected.Length];
            if (Convert.TryFromBase64String(signature[3..], given, out var length) && length == expected.Length
                && CryptographicOperations.FixedTimeEquals(given, expected))
                return true;
        }
        return false;
    }

    private static byte[] Mac(byte[] key, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
