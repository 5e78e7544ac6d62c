namespace TradeSentinel.Infrastructure.Hosting;

/// <summary>
/// A secret given either as a value (e.g. from an environment variable) or as a file holding it
/// (e.g. a mounted Kubernetes or Docker secret); the value wins. Trailing newlines are not part of it.
/// </summary>
public static class SecretSetting
{
    public static string? Read(string? value, string? file) =>
        !string.IsNullOrEmpty(value) ? value
        : !string.IsNullOrEmpty(file) ? File.ReadAllText(file).TrimEnd('\r', '\n')
        : null;
}
