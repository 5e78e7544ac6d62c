using System.Diagnostics;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Security;

/// <summary>A replay by the real `sentinel` binary, configured with known secrets, never prints or emits them.</summary>
[Collection(PipelineCollection.Name)]
public sealed class SecretsTests : IDisposable
{
    private const string RedisSecret = "rds-8f2b7c1e-do-not-print";
    private const string KafkaSecret = "kfk-41d9e0a3-do-not-print";
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-secrets-").FullName;

    [Fact]
    public async Task Configured_passwords_never_reach_logs_output_or_alerts()
    {
        var input = AttackStretch.WriteTo(_dir);
        var output = Path.Combine(_dir, "alerts.jsonl");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _dir,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "sentinel.dll"), "replay", "--input", input, "--output", output,
                     "--model", TrainedModel.Shared.Path, "--Redis:Password", RedisSecret })
            info.ArgumentList.Add(arg);
        // Secrets come from the environment in production; the Kafka one is set, unused by the plaintext dev broker.
        info.Environment["Kafka__SaslPassword"] = KafkaSecret;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(180));

        Assert.True(process.ExitCode == 0, await stderr);
        var alerts = await File.ReadAllTextAsync(output);
        Assert.Contains("revoke_api_key", alerts); // the run worked, so redis-server did accept the password
        foreach (var text in new[] { await stdout, await stderr, alerts })
        {
            Assert.DoesNotContain(RedisSecret, text);
            Assert.DoesNotContain(KafkaSecret, text);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
