using TradeSentinel.Tests.Fixtures;
using TradeSentinel.Tools.Wall;

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
    public void Every_alert_rule_links_its_runbook_and_every_runbook_is_listed()
    {
        var rules = File.ReadAllText(Path.Combine(Deploy, "prometheus", "rules.yml"));
        var alerts = System.Text.RegularExpressions.Regex.Matches(rules, @"- alert: (\w+)").Select(m => m.Groups[1].Value).ToList();
        var links = System.Text.RegularExpressions.Regex.Matches(rules, @"runbook_url: ""([^""]+)""").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(alerts.Select(a => $"docs/runbooks/{a}.md"), links);
        var index = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "runbooks", "README.md"));
        Assert.All(alerts, alert =>
        {
            var page = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "runbooks", alert + ".md"));
            Assert.StartsWith($"# {alert}\n", page);
            foreach (var part in new[] { "**What fired.**", "**What it costs.**", "**Find the cause", "**Fix.**" }) Assert.Contains(part, page);
            Assert.Contains($"[{alert}.md]({alert}.md)", index);
        });
        Assert.Equal(alerts.Count + 1, Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs", "runbooks"), "*.md").Length);
    }

    [Theory]
    [InlineData("compose.yaml")]
    [InlineData("k8s/base/topics-job.yaml")]
    public void Every_topic_the_pipeline_and_console_use_is_created_and_the_keyed_latest_ones_are_compacted(string file)
    {
        var text = File.ReadAllText(Path.Combine(Deploy, file));
        var topics = new TradeSentinel.Infrastructure.Kafka.TopicNames();
        Assert.All(topics.All, topic => Assert.Matches($@"(--topic |create | ){System.Text.RegularExpressions.Regex.Escape(topic)}[: ]", text));
        Assert.All(topics.Compacted, topic => Assert.Matches($@"--topic {System.Text.RegularExpressions.Regex.Escape(topic)} [^\n]*(\\\n[^\n]*)?cleanup\.policy=compact", text));
    }

    [Fact]
    public void The_compose_stack_is_valid_for_docker_compose_and_a_broken_one_is_refused()
    {
        var env = new Dictionary<string, string> { ["REDIS_PASSWORD"] = "not-a-real-password" };
        var config = AssertSucceeds(ExternalTool.Run("docker-compose", ["-f", "compose.yaml", "config"], Deploy, env));
        foreach (var service in new[] { "kafka-1", "kafka-2", "kafka-3", "topics", "redis", "ingest", "market", "scorer", "alerter", "hooks", "prometheus", "grafana" })
            Assert.Contains($"\n  {service}:", config);
        Assert.Contains("KAFKA_PROCESS_ROLES: broker,controller", config);
        // Each broker writes its log to the volume mounted for it (the image's default is under /tmp, lost with the container).
        foreach (var broker in new[] { "kafka-1", "kafka-2", "kafka-3" })
            Assert.Contains($"- {broker}:/var/lib/kafka/data:rw", config);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(config, "KAFKA_LOG_DIRS: /var/lib/kafka/data\n"));
        // `docker compose up` has a market to watch: the live feed piped into ingest, no file to provide.
        Assert.Contains("dotnet /tools/sentinel.dll feed --scenario mix --rate 150 | dotnet /tools/sentinel.dll", config);
        Assert.DoesNotContain("./feed", File.ReadAllText(Path.Combine(Deploy, "compose.yaml")));
        // The model is an artifact on a volume (trained once by the tools image), not baked into the service image.
        Assert.Contains("\n  model:", config);
        Assert.Contains("target: tools", config);
        Assert.Matches(@"\n  scorer:(.|\n)*?- model:/model:ro\n", config);

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

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Each_overlay_renders_with_kustomize_into_objects_that_match_their_api_schemas_and_run_hardened(string overlay)
    {
        var rendered = Render(overlay);
        var output = AssertSucceeds(Validate([rendered]));
        Assert.DoesNotContain("INVALID", output);
        foreach (var stage in new[] { "ingest", "market", "scorer", "hooks" })
            Assert.Contains($"ok {rendered} Deployment/sentinel-{stage}", output);
        Assert.Contains($"ok {rendered} StatefulSet/sentinel-alerter", output);
        foreach (var stage in new[] { "ingest", "market", "scorer", "alerter", "hooks" })
            Assert.Contains($"ok {rendered} PodDisruptionBudget/sentinel-{stage}", output);
        Assert.Contains($"ok {rendered} PersistentVolumeClaim/sentinel-model", output);

        // What the operator creates before applying is exactly what deploy/README.md tells them to create.
        var needs = output.Split('\n').Where(l => l.StartsWith("needs ")).Select(l => l["needs ".Length..].Trim()).ToList();
        Assert.Equal(["ConfigMap/kafka-ca", "ConfigMap/sentinel-venue", "Secret/sentinel-secrets"], needs);
        var guide = File.ReadAllText(Path.Combine(Deploy, "README.md"));
        foreach (var need in needs)
            Assert.Contains(need.StartsWith("Secret/") ? $"create secret generic {need[7..]}" : $"create configmap {need[10..]}", guide);
    }

    [Fact]
    public void Prod_autoscales_the_scorer_on_its_consumer_lag_and_pins_an_image_from_a_registry()
    {
        var rendered = Render("prod");
        var output = AssertSucceeds(Validate([rendered]));
        Assert.Contains($"ok {rendered} ScaledObject/sentinel-scorer", output);
        Assert.Contains($"ok {rendered} TriggerAuthentication/sentinel-kafka", output);
        var yaml = File.ReadAllText(rendered);
        Assert.Contains("consumerGroup: sentinel.scorer", yaml);
        Assert.Contains("topic: sentinel.fills", yaml);
        // The autoscaler owns the scorer's replica count: a count in the Deployment would be reset by every apply.
        Assert.DoesNotContain("replicas", Document(yaml, "Deployment", "sentinel-scorer"));
        Assert.DoesNotMatch(@"image: tradesentinel(:latest)?\n", yaml);
        Assert.Matches(@"image: [\w.-]+/[\w./-]+/tradesentinel:[\w.-]+\n", yaml);
    }

    [Fact]
    public void The_scorer_reads_its_model_from_the_model_volume_so_a_retrained_model_needs_no_new_image()
    {
        var scorer = Document(File.ReadAllText(Render("prod")), "Deployment", "sentinel-scorer");
        Assert.Contains("- name: Scoring__ModelPath\n          value: /var/lib/tradesentinel/model/sentinel-model.zip", scorer);
        Assert.Contains("- mountPath: /var/lib/tradesentinel/model\n          name: model\n          readOnly: true", scorer);
        Assert.Contains("persistentVolumeClaim:\n          claimName: sentinel-model\n          readOnly: true", scorer);
    }

    [Fact]
    public void Dev_runs_one_pod_per_stage_in_its_own_namespace_without_an_autoscaler()
    {
        var yaml = File.ReadAllText(Render("dev"));
        Assert.DoesNotContain("kind: ScaledObject", yaml);
        Assert.DoesNotContain("namespace: tradesentinel\n", yaml);
        Assert.All(new[] { "Deployment/sentinel-ingest", "Deployment/sentinel-market", "Deployment/sentinel-scorer", "Deployment/sentinel-hooks", "StatefulSet/sentinel-alerter" },
            o => Assert.Contains("\n  replicas: 1\n", Document(yaml, o.Split('/')[0], o.Split('/')[1])));
        Assert.Contains("image: tradesentinel:dev", yaml);
    }

    [Fact]
    public void The_manifest_checker_refuses_a_schema_error_a_missing_probe_a_writable_root_and_a_shipped_secret()
    {
        var k8s = Path.Combine(Deploy, "k8s", "base");
        Assert.Contains("ok " + Path.Combine(k8s, "alerter.yaml") + " StatefulSet/sentinel-alerter", AssertSucceeds(Validate([Path.Combine(k8s, "alerter.yaml")])));

        var broken = Path.Combine(_dir, "scorer.yaml");
        File.WriteAllText(broken, File.ReadAllText(Path.Combine(k8s, "scorer.yaml")).Replace("containerPort: 9464", "containerPort: metrics"));
        var refused = Validate([broken]);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("containerPort", refused.Output);
        var noProbe = Path.Combine(_dir, "market.yaml");
        File.WriteAllText(noProbe, File.ReadAllText(Path.Combine(k8s, "market.yaml")).Replace("readinessProbe:", "startupProbe:"));
        Assert.Contains("has no readinessProbe", Validate([noProbe]).Output);
        var writable = Path.Combine(_dir, "hooks.yaml");
        File.WriteAllText(writable, File.ReadAllText(Path.Combine(k8s, "hooks.yaml")).Replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false")
            .Replace("capabilities: {drop: [ALL]}", "capabilities: {drop: [NET_RAW]}"));
        var unhardened = Validate([writable]);
        Assert.NotEqual(0, unhardened.ExitCode);
        Assert.Contains("container hooks does not drop ALL capabilities; container hooks has a writable root filesystem", unhardened.Output);
        var secret = Path.Combine(_dir, "secret.yaml");
        File.WriteAllText(secret, "apiVersion: v1\nkind: Secret\nmetadata:\n  name: sentinel-secrets\nstringData:\n  Redis__Password: change-me\n");
        var shipped = Validate([secret]);
        Assert.NotEqual(0, shipped.ExitCode);
        Assert.Contains("ships a Secret", shipped.Output);
    }

    [Fact]
    public void The_alerter_runs_as_a_StatefulSet_whose_pods_take_their_name_as_Kafka_InstanceId()
    {
        var alerter = File.ReadAllText(Path.Combine(Deploy, "k8s", "base", "alerter.yaml"));
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
        // Every metric of every query is narrowed to the instances picked in the `instance` variable ("All" when opened).
        using var raw = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, DashboardFile.DefaultPath)));
        var variable = raw.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "instance");
        Assert.True(variable.GetProperty("includeAll").GetBoolean());
        Assert.Equal(".*", variable.GetProperty("allValue").GetString());
        Assert.Contains("label_values(sentinel_process_start_time_seconds, instance)", variable.GetProperty("definition").GetString());
        var expressions = raw.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        Assert.All(expressions, e => Assert.Equal(System.Text.RegularExpressions.Regex.Count(e, @"sentinel_\w+"),
            System.Text.RegularExpressions.Regex.Count(e, @"sentinel_\w+\{[^}]*instance=~""\$instance""[^}]*\}")));
        Assert.All(panels.SelectMany(p => p.Queries), q => Assert.DoesNotContain("$instance", q));

        // The wall covers what the risk team and the operators asked for.
        var all = string.Join("\n", panels.SelectMany(p => p.Queries));
        foreach (var metric in new[] { "sentinel_alerts_total", "sentinel_alert_reasons_total", "sentinel_consumer_lag", "sentinel_event_to_tag_duration_seconds_bucket",
                     "sentinel_event_to_alert_duration_seconds_bucket", "sentinel_dead_letters_total", "sentinel_model_info", "sentinel_fill_score_bucket",
                     "sentinel_hook_deliveries_total", "sentinel_redis_duration_seconds_bucket", "sentinel_trades_ingested_total", "sentinel_stage_event_time_lag_seconds" })
            Assert.Contains(metric, all);
    }

    /// <summary>The overlay as `kubectl apply -k` would send it (kubectl's built-in kustomize), in a file.</summary>
    private string Render(string overlay)
    {
        var rendered = AssertSucceeds(ExternalTool.Run("kubectl", ["kustomize", Path.Combine(Deploy, "k8s", "overlays", overlay)]));
        var file = Path.Combine(_dir, overlay + ".yaml");
        File.WriteAllText(file, rendered);
        return file;
    }

    /// <summary>One object of a rendered stream, by kind and name.</summary>
    private static string Document(string yaml, string kind, string name) =>
        yaml.Split("\n---\n").Single(d => d.Contains($"kind: {kind}\n") && d.Contains($"\n  name: {name}\n"));

    private static (int ExitCode, string Output) Validate(IEnumerable<string> files) =>
        ExternalTool.Run("node", ["validate-k8s.mjs", .. files], Path.Combine(RepoPaths.Root, "tests/deploy-check"));

    private static string AssertSucceeds((int ExitCode, string Output) run)
    {
        Assert.True(run.ExitCode == 0, run.Output);
        return run.Output;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
