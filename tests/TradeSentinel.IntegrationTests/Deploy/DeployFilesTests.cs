using TradeSentinel.Tools.Wall;
using TradeSentinel.Tests.Fixtures;

namespace TradeSentinel.Tests.Deploy;

/// <summary>The deploy files checked by the real tools an operator would run on them.</summary>
public sealed class DeployFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sentinel-deploy-").FullName;
    private static readonly string Deploy = Path.Combine(RepoPaths.Root, "deploy");

    [Fact]
    public void Prometheus_config_and_rules_pass_promtool_and_each_rule_fires_in_its_unit_test()
    {
        var prometheus = Path.Combine(Deploy, "prometheus");
        AssertSucceeds(ExternalTool.Run("promtool", ["check", "config", "prometheus.yml"], prometheus));
        var rules = AssertSucceeds(ExternalTool.Run("promtool", ["check", "rules", "rules.yml"], prometheus));
        var alerts = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(Path.Combine(prometheus, "rules.yml")), @"- alert: (\w+)")
            .Select(m => m.Groups[1].Value).ToList();
        Assert.Contains($"{alerts.Count} rules found", rules);
        // Every rule has a unit test in which it fires.
        var tests = File.ReadAllText(Path.Combine(prometheus, "rules.test.yml"));
        Assert.All(alerts, alert => Assert.Contains($"alertname: {alert}\n        exp_alerts:\n          - exp_labels", tests));
        AssertSucceeds(ExternalTool.Run("promtool", ["test", "rules", "rules.test.yml"], prometheus));
    }

    [Fact]
    public void The_compose_stack_is_valid_for_docker_compose_and_a_broken_one_is_refused()
    {
        var env = new Dictionary<string, string> { ["REDIS_PASSWORD"] = "not-a-real-password" };
        var config = AssertSucceeds(ExternalTool.Run("docker-compose", ["-f", "compose.yaml", "config"], Deploy, env));
        foreach (var service in new[] { "kafka-1", "kafka-2", "kafka-3", "topics", "redis", "ingest", "market", "scorer", "alerter", "hooks", "prometheus", "grafana" })
            Assert.Contains($"\n  {service}:", config);
        Assert.Contains("KAFKA_PROCESS_ROLES: broker,controller", config);

        // The check can fail: the same file with a wrong type is refused.
        var broken = Path.Combine(Deploy, "compose.broken-test.yaml");
        File.WriteAllText(broken, File.ReadAllText(Path.Combine(Deploy, "compose.yaml")).Replace("restart: unless-stopped", "restart: [unless-stopped]"));
        try
        {
            Assert.NotEqual(0, ExternalTool.Run("docker-compose", ["-f", broken, "config", "-q"], Deploy, env).ExitCode);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public void Kubernetes_manifests_match_the_api_schemas_and_every_deployment_has_probes_and_requests()
    {
        var manifests = Directory.GetFiles(Path.Combine(Deploy, "k8s"), "*.yaml").Order().ToList();
        var output = AssertSucceeds(Validate(manifests));
        foreach (var stage in new[] { "market", "scorer", "hooks" })
            Assert.Contains($"Deployment/sentinel-{stage}", output);
        Assert.Contains("ok " + Path.Combine(Deploy, "k8s", "alerter.yaml") + " StatefulSet/sentinel-alerter", output);
        Assert.DoesNotContain("INVALID", output);

        var broken = Path.Combine(_dir, "scorer.yaml");
        File.WriteAllText(broken, File.ReadAllText(manifests.Single(m => m.EndsWith("scorer.yaml"))).Replace("containerPort: 9464", "containerPort: metrics"));
        var refused = Validate([broken]);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("containerPort", refused.Output);
        var noProbe = Path.Combine(_dir, "market.yaml");
        File.WriteAllText(noProbe, File.ReadAllText(manifests.Single(m => m.EndsWith("market.yaml"))).Replace("readinessProbe:", "startupProbe:"));
        Assert.Contains("has no readinessProbe", Validate([noProbe]).Output);
    }

    [Fact]
    public void The_alerter_runs_as_a_StatefulSet_whose_pods_take_their_name_as_Kafka_InstanceId()
    {
        var alerter = File.ReadAllText(Path.Combine(Deploy, "k8s", "alerter.yaml"));
        // The name the alerter's transactional id is built from: stable across a reschedule, unique per pod.
        Assert.Contains("name: Kafka__InstanceId\n              valueFrom:\n                fieldRef: {fieldPath: metadata.name}", alerter);
        Assert.Contains("serviceName: sentinel-alerter", alerter);
        Assert.Contains("clusterIP: None", alerter);

        var asDeployment = Path.Combine(_dir, "alerter-deployment.yaml");
        File.WriteAllText(asDeployment, alerter.Replace("kind: StatefulSet", "kind: Deployment").Replace("  serviceName: sentinel-alerter\n", "")
            .Replace("  podManagementPolicy: Parallel\n", "").Replace("  updateStrategy:\n    type: RollingUpdate\n", ""));
        Assert.Contains("runs the alerter in a Deployment: it needs a StatefulSet", Validate([asDeployment]).Output);
        var unstable = Path.Combine(_dir, "alerter-uid.yaml");
        File.WriteAllText(unstable, alerter.Replace("fieldPath: metadata.name", "fieldPath: metadata.uid"));
        var refused = Validate([unstable]);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("without Kafka__InstanceId from metadata.name", refused.Output);
    }

    [Fact]
    public void Every_dashboard_panel_queries_the_provisioned_prometheus_datasource()
    {
        var provisioned = File.ReadAllText(Path.Combine(Deploy, "grafana/provisioning/datasources/prometheus.yaml"));
        var panels = DashboardFile.Panels(Path.Combine(RepoPaths.Root, DashboardFile.DefaultPath));
        Assert.True(panels.Count >= 12, $"{panels.Count} panels");
        Assert.All(panels, p =>
        {
            Assert.NotNull(p.DatasourceUid);
            Assert.Contains($"uid: {p.DatasourceUid}", provisioned);
            Assert.NotEmpty(p.Queries);
            Assert.All(p.Queries, q => Assert.Contains("sentinel_", q));
        });
        // The wall covers what the risk team and the operators asked for.
        var all = string.Join("\n", panels.SelectMany(p => p.Queries));
        foreach (var metric in new[] { "sentinel_alerts_total", "sentinel_alert_reasons_total", "sentinel_consumer_lag", "sentinel_event_to_tag_duration_seconds_bucket",
                     "sentinel_event_to_alert_duration_seconds_bucket", "sentinel_dead_letters_total", "sentinel_model_info", "sentinel_fill_score_bucket",
                     "sentinel_hook_deliveries_total", "sentinel_redis_duration_seconds_bucket", "sentinel_trades_ingested_total" })
            Assert.Contains(metric, all);
    }

    private static (int ExitCode, string Output) Validate(IEnumerable<string> files) =>
        ExternalTool.Run("node", ["validate-k8s.mjs", .. files], Path.Combine(RepoPaths.Root, "tests/deploy-check"));

    private static string AssertSucceeds((int ExitCode, string Output) run)
    {
        Assert.True(run.ExitCode == 0, run.Output);
        return run.Output;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
