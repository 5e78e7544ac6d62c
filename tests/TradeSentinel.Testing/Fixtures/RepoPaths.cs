namespace TradeSentinel.Tests.Fixtures;

/// <summary>Files of the repository, found from the test binary's folder upwards.</summary>
public static class RepoPaths
{
    public static readonly string Root = FindRoot();

    public static string Sample(string name) => Path.Combine(Root, "tests", "data", "sample", name);

    /// <summary>A venue-format sample (tests/data/venues) or a shipped venue mapping (deploy/mappings).</summary>
    public static string Venue(string name) => Path.Combine(Root, "tests", "data", "venues", name);

    public static string Mapping(string name) => Path.Combine(Root, "deploy", "mappings", name);

    public static string Schema(string name) => Path.Combine(Root, "schemas", name);

    public static string Contract => Path.Combine(Root, "tests", "data", "contract", "README.md");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TradeSentinel.sln"))) return dir.FullName;
        throw new InvalidOperationException("TradeSentinel.sln not found above " + AppContext.BaseDirectory);
    }
}
