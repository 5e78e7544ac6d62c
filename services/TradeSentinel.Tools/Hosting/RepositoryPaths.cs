namespace TradeSentinel.Tools.Hosting;

/// <summary>
/// The repository this build of <c>sentinel</c> came from, so that its defaults (the model, the demo
/// stream, the dashboard and rules) are found from any working directory. Explicit paths are taken
/// as given, relative to the working directory.
/// </summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding TradeSentinel.sln above the binary, or null (a published copy of the tools).</summary>
    public static string? Root { get; } = FindRoot();

    /// <summary>A default path of the repository, absolute when the repository is found; as given otherwise.</summary>
    public static string Default(string relativePath) => Root is null ? relativePath : Path.Combine(Root, relativePath);

    /// <summary>
    /// The command line with the default model of the repository (<c>make model</c>) added when none is
    /// given by flag, setting or environment.
    /// </summary>
    public static string[] WithDefaultModel(string[] args)
    {
        var given = args.Any(a => a.Equals("--model", StringComparison.OrdinalIgnoreCase) || a.Equals("--Scoring:ModelPath", StringComparison.OrdinalIgnoreCase))
            || Environment.GetEnvironmentVariable("Scoring__ModelPath") is not null;
        return given || Root is null ? args : [.. args, "--Scoring:ModelPath", Default(".build/model/sentinel-model.zip")];
    }

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TradeSentinel.sln"))) return dir.FullName;
        return null;
    }
}
