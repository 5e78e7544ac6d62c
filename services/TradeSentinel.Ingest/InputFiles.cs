using System.IO.Compression;

namespace TradeSentinel.Ingest;

/// <summary>Opens a JSON Lines input: a path (gzip when it ends in .gz) or <c>-</c> for standard input.</summary>
public static class InputFiles
{
    public static Stream Open(string path)
    {
        if (path == "-") return Console.OpenStandardInput();
        Stream file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new BufferedStream(new GZipStream(file, CompressionMode.Decompress), 1 << 16)
            : file;
    }
}
