using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradeSentinel.Alerting.Suppression;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.EventTime;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Core.Validation;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Redis;
using TradeSentinel.Infrastructure.Streaming;

namespace TradeSentinel.Alerting;

/// <summary>
/// Reads tagged fills of every account in event-time order, correlates the flagged ones in Redis
/// windows (a batch at a time, see <see cref="AlertDecider"/>), and produces each freeze
/// recommendation once per alert id: recommendations and the input offsets are committed in one
/// Kafka transaction, and an id is claimed in Redis by the trade that decided it, so neither a
/// redelivery nor a crash at any point doubles or loses one.
/// </summary>
public sealed class AlerterStage(StageContext context, CorrelationStore store, IOptions<AlertingOptions> options, SuppressionList suppressions)
    : StreamStage<ScoredFill>(Name, context, context.Topics.Scored, outputTopic: null, new TransactionalCommits())
{
    public const string Name = "alerter";

    private readonly AlertDecider _decider = new(store, options.Value, suppressions);
    private readonly HashSet<string> _producedThisRun = [];

    // Produced in the open transaction: if it is aborted, these were never delivered.
    private readonly List<FreezeRecommendation> _uncommitted = [];

    // About 99% of tagged fills are neither flagged nor from an account that only wins off-market:
    // passed over without being parsed.
    protected override bool Wanted(byte[] value) => ScoredFillPeek.MayNeedCorrelation(value);

    protected override bool TryDecode(byte[] value, out ScoredFill item, out EventKey key, out Rejection rejection)
    {
        key = default;
        if (!JsonRecord.TryRead(value, SentinelJson.Default.ScoredFill, out item!, out rejection)) return false;
        if (item.Fill is null || item.ModelVersion is null || item.Reasons is null || item.Reasons.Any(r => r?.Code is null || r.Detail is null))
        {
            rejection = new(Rejection.MissingField, "tagged fill without fill or model_version, or with reasons missing or incomplete");
            return false;
        }
        if (!FillCheck.TryCheck(item.Fill, out rejection)) return false;
        key = item.Fill.Key;
        return true;
    }

    // Before the first fill (reading the topic's tail takes a second or so, which on the first
    // fill's path held the whole pipeline back), and again after an aborted transaction.
    // A record of the alert topic that is no recommendation is dead-lettered (at every start that reads it) and passed over.
    protected override void OnConsuming() => _producedThisRun.UnionWith(DeliveredAlerts.Recent(Context.Kafka, DeadLetter));

    protected override void Process(List<ScoredFill> batch)
    {
        List<FreezeRecommendation> alerts = [];
        WhileRedisIsDown(async () => alerts = await _decider.DecideAsync(batch, _producedThisRun.Contains));
        foreach (var alert in alerts) Produce(alert);
        foreach (var withheld in _decider.Suppressed) Context.Metrics.AlertsSuppressed.Add(1, new TagList { { "action", withheld.Action } });
    }

    private void Produce(FreezeRecommendation alert)
    {
        _producedThisRun.Add(alert.AlertId);
        _uncommitted.Add(alert);
        Producer.ProduceOrWait(Context.Topics.Alerts, new Message<string?, byte[]>
        {
            Key = alert.AccountId ?? alert.AppId,
            Value = JsonSerializer.SerializeToUtf8Bytes(alert, SentinelJson.Default.FreezeRecommendation),
        }, Deliveries);
        Context.Metrics.Alerts.Add(1, new TagList { { "action", alert.Action }, { "severity", alert.Severity } });
        foreach (var reason in alert.Reasons) Context.Metrics.AlertReasons.Add(1, new TagList { { "code", reason.Code } });
    }

    // A recommendation is committed at the end of the poll that decided it, not at the next 100 ms tick.
    protected override bool OutputAwaitsCommit => _uncommitted.Count > 0;

    // Event-to-alert ends when readers of the alert topic (read_committed) can see the recommendation.
    protected override void OnCommitted()
    {
        if (_uncommitted.Count == 0) return;
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var alert in _uncommitted) Context.Metrics.EventToAlert.Record((nowMs - alert.Ts) / 1000.0);
        _uncommitted.Clear();
    }

    // The aborted ones are produced again, unless the topic shows them anyway: a real cluster hides
    // aborted records from read_committed readers, the dev broker does not.
    protected override void OnAborted()
    {
        foreach (var alert in _uncommitted) _producedThisRun.Remove(alert.AlertId);
        _uncommitted.Clear();
    }

    private void WhileRedisIsDown(Func<Task> work) => RedisRetry.UntilDone(work, Context.Metrics, Logger, Stage, Stopping);
}
