using System.IO.Compression;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>8,000 trades of the classic sample around the start of its attack: a short stream that raises alerts.</summary>
public static class AttackStretch
{
    public static List<string> Lines()
    {
        using var input = new StreamReader(new GZipStream(File.OpenRead(RepoPaths.Sample("classic.trades.jsonl.gz")), CompressionMode.Decompress));
        var lines = new List<string>();
        while (input.ReadLine() is { } line) lines.Add(line);
        return lines.Skip(44_000).Take(8_000).ToList();
    }

    public static string WriteTo(string dir)
    {
        var path = Path.Combine(dir, "stretch.jsonl");
        File.WriteAllLines(path, Lines());
        return path;
    }
}
