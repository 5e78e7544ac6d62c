namespace TradeSentinel.Core;

/// <summary>
/// FNV-1a over a string's UTF-16 units: the same value in every process, unlike
/// <see cref="string.GetHashCode()"/>, so state that stores hashes replays and restores identically.
/// </summary>
public static class StableHash
{
    public static int Of(string s)
    {
        var hash = 2166136261u;
        foreach (var c in s)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)hash;
    }
}
