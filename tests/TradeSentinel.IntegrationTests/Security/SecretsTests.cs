using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Security;

/// <summary>A replay by the real `sentinel` binary, configured with known secrets, never prints or emits them.</summary>
[Collection(PipelineCollection.Name)]
public sealed class SecretsTests : IDisposable
{
    private const string RedisSecret = "rds-8f2b7c1e-do-not-print";
    private const string KafkaSecret = "kfk-41d9e0a3-do-not-print";
    private const string HookSecret = "hook-77c2a5f0-do-not-print";
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-secrets-").FullName;

    [Fact]
    public async Task Configured_passwords_and_hook_keys_never_reach_logs_output_alerts_or_dead_letters()
    {
        var input = AttackStretch.WriteTo(_dir);
        // Secrets as a deployment mounts them: files, read by the process, never passed on its command line.
        var redisSecretFile = Path.Combine(_dir, "redis-password");
        var hookSecretFile = Path.Combine(_dir, "hook-secret");
        await File.WriteAllTextAsync(redisSecretFile, RedisSecret + "\n");
        await File.WriteAllTextAsync(hookSecretFile, HookSecret + "\n");
        using var receiver = new HookReceiver(HookSecret).Start();
        var output = Path.Combine(_dir, "alerts.jsonl");
        // Secrets come from the environment in production; the Kafka one is set, unused by the plaintext dev broker.
        var run = ExternalTool.Run("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "sentinel.dll"), "replay", "--input", input, "--output", output,
             "--model", TrainedModel.Shared.Path, "--Redis:PasswordFile", redisSecretFile,
             "--Hooks:Endpoints:0:Name", "freeze-service", "--Hooks:Endpoints:0:Url", receiver.Url, "--Hooks:Endpoints:0:SecretFile", hookSecretFile],
            _dir, new Dictionary<string, string> { ["Kafka__SaslPassword"] = KafkaSecret }, TimeSpan.FromSeconds(180));

        Assert.True(run.ExitCode == 0, run.Output);
        var alerts = await File.ReadAllTextAsync(output);
        Assert.Contains("revoke_api_key", alerts); // the run worked, so redis-server did accept the password
        Assert.NotEmpty(receiver.Accepted); // and the hook key signed what the receiver accepted
        Assert.Equal(0, receiver.BadSignatures);
        foreach (var text in new[] { run.Output, alerts, string.Join("\n", receiver.Bodies) })
            foreach (var secret in new[] { RedisSecret, KafkaSecret, HookSecret })
                Assert.DoesNotContain(secret, text);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
