namespace TradeSentinel.Service;

/// <summary>
/// Short flags of the commands (<c>--input</c>, <c>--model</c>, …) and the configuration keys they
/// set; every other <c>--Section:Key value</c> passes through to configuration unchanged.
/// </summary>
public static class CommandLine
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["--input"] = "--Ingest:Input",
        ["--from-topic"] = "--Ingest:FromTopic",
        ["--mapping"] = "--Ingest:Mapping",
        ["--model"] = "--Scoring:ModelPath",
        ["--bootstrap-servers"] = "--Kafka:BootstrapServers",
        ["--redis"] = "--Redis:Configuration",
    };

    public static string[] Expand(IEnumerable<string> args) => args.Select(a => Aliases.GetValueOrDefault(a, a)).ToArray();

    /// <summary>The short flags every command accepts (each sets the configuration key it names).</summary>
    public static IEnumerable<string> AliasNames => Aliases.Keys;

    /// <summary>
    /// Separates the <c>--Section:Key value</c> settings (a colon in the name; each takes the next token as
    /// its value) from the command's own flags, which the command line checks.
    /// </summary>
    public static (string[] Flags, string[] Settings) SplitSettings(IReadOnlyList<string> args)
    {
        var flags = new List<string>();
        var settings = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && args[i].Contains(':'))
            {
                settings.Add(args[i]);
                if (i + 1 < args.Count) settings.Add(args[++i]);
            }
            else
            {
                flags.Add(args[i]);
            }
        }
        return ([.. flags], [.. settings]);
    }

    /// <summary>The value after <paramref name="flag"/>, or null.</summary>
    public static string? Value(string[] args, string flag)
    {
        var at = Array.FindIndex(args, a => string.Equals(a, flag, StringComparison.OrdinalIgnoreCase));
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    public static string Required(string[] args, string flag) =>
        Value(args, flag) ?? throw new UsageException($"missing {flag}");
}
