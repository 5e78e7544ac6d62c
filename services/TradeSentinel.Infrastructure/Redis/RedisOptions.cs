using System.ComponentModel.DataAnnotations;
namespace TradeSentinel.Infrastructure.Redis;

/// <summary>
/// Configuration section <c>Redis</c>. With no <see cref="Configuration"/> the process starts
/// Debian's <c>redis-server</c> on a free loopback port and stops it on exit.
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis-0:6379,ssl=true</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>AUTH password; kept apart from <see cref="Configuration"/> so it can come from a secret.</summary>
    public string? Password { get; set; }

    /// <summary>A file holding the AUTH password (a mounted secret), used when <see cref="Password"/> is unset.</summary>
    public string? PasswordFile { get; set; }

    public string? ResolvePassword() => Hosting.SecretSetting.Read(Password, PasswordFile);

    /// <summary>Prefix of every key the scorer and the alerter write (no braces: the alerter puts each window's name in a hash tag).</summary>
    [Required, RegularExpression("^[A-Za-z0-9:._-]{1,32}$", ErrorMessage = "KeyPrefix: 1-32 of letters, digits, colon, dot, underscore or dash")]
    public string KeyPrefix { get; set; } = "ts:";
}
