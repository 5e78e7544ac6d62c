using PuppeteerSharp;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>Debian's chromium (installed by `make deps`), headless. Nothing here ever downloads a browser.</summary>
public static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync()
    {
        Assert.True(File.Exists(Path), $"{Path} is missing: `make deps` installs Debian's chromium");
        // --no-sandbox: the tests may run as root (CI does), where chromium refuses its sandbox.
        return Puppeteer.LaunchAsync(new LaunchOptions { ExecutablePath = Path, Headless = true, Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"] });
    }
}
