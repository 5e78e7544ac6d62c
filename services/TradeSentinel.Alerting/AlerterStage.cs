using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Redis;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.EventTime;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Core.Validation;
using TradeSentinel.Infrastructure.Streaming;

namespace TradeSentinel.Alerting;

/// <summary>
/// Reads tagged fills of every account in event-time order, correlates the flagged ones in Redis
/// windows, and produces each freeze recommendation once per alert id: recommendations and the
/// input offsets are committed in one Kafka transaction, and an id is claimed in Redis by the fill
/// that decided it, so neither a redelivery nor a crash at any point doubles or loses one.
/// </summary>
public sealed class AlerterStage(StageContext context, CorrelationStore store, IOptions<AlertingOptions> options)
    : StreamStage<ScoredFill>("alerter", context, context.Topics.Scored, outputTopic: null, transactional: true)
{
    private readonly AlertingOptions _options = options.Value;
    private readonly AlertPolicy _policy = new(options.Value);
    private readonly HashSet<string> _producedThisRun = [];

    // Produced in the open transaction: if it is aborted, these were never delivered.
    private readonly List<string> _uncommitted = [];

    private long WindowMs => _options.WindowMinutes * 60_000L;
    private long CooldownMs => _options.CooldownHours * 3_600_000L;

    protected override bool TryDecode(byte[] value, out ScoredFill item, out EventKey key, out Rejection rejection)
    {
        key = default;
        if (!JsonRecord.TryRead(value, SentinelJson.Default.ScoredFill, out item!, out rejection)) return false;
        if (item.Fill is not { TradeId.Length: > 0, AccountId.Length: > 0 })
        {
            rejection = new(Rejection.MissingField, "tagged fill without fill.trade_id or fill.account_id");
            return false;
        }
        key = new EventKey(item.Fill.Ts, item.Fill.TradeId, item.Fill.IsBuy);
        return true;
    }

    private bool _recovered;

    protected override void Process(List<ScoredFill> batch)
    {
        if (!_recovered)
        {
            _producedThisRun.UnionWith(DeliveredAlerts.Recent(Context.Kafka));
            _recovered = true;
        }
        foreach (var scored in batch)
            if (scored.Flagged)
                WhileRedisIsDown(() => Handle(scored));
        Context.Limiter?.Complete(batch.Count);
    }

    private async Task Handle(ScoredFill flagged)
    {
        var fill = flagged.Fill;
        var victim = new VictimRef(fill.AccountId, fill.ApiKeyId, fill.AppId);
        var accountFlags = store.AddAsync($"acct:{fill.AccountId}:flags", $"{fill.TradeId}:{fill.Side}", fill.Ts, WindowMs);
        var victims = store.AddAsync($"cp:{fill.Counterparty.AccountId}:victims", victim.ToMember(), fill.Ts, WindowMs);
        var app = fill.AppId is null ? null : store.AddAsync($"app:{fill.AppId}:accounts", fill.AccountId, fill.Ts, WindowMs);
        var all = store.AddAsync("victims", fill.AccountId, fill.Ts, WindowMs);
        var counterpartyVictims = await victims;
        var members = counterpartyVictims >= _options.BeneficiaryMinVictims
            ? (await store.MembersAsync($"cp:{fill.Counterparty.AccountId}:victims", fill.Ts, WindowMs)).Select(VictimRef.FromMember).ToList()
            : [];
        var correlation = new Correlation(await accountFlags, counterpartyVictims, app is null ? 0 : await app, await all, members);
        var owner = $"{fill.TradeId}:{fill.Side}";
        foreach (var alert in _policy.Decide(flagged, correlation))
            if (!_producedThisRun.Contains(alert.AlertId) && await store.ClaimAsync(alert.AlertId, owner, CooldownMs))
                Produce(alert);
    }

    private void Produce(FreezeRecommendation alert)
    {
        _producedThisRun.Add(alert.AlertId);
        _uncommitted.Add(alert.AlertId);
        Producer.ProduceOrWait(Context.Topics.Alerts, new Message<string?, byte[]>
        {
            Key = alert.AccountId ?? alert.AppId,
            Value = JsonSerializer.SerializeToUtf8Bytes(alert, SentinelJson.Default.FreezeRecommendation),
        });
        Context.Metrics.Alerts.Add(1, new TagList { { "action", alert.Action }, { "severity", alert.Severity } });
        foreach (var reason in alert.Reasons) Context.Metrics.AlertReasons.Add(1, new TagList { { "code", reason.Code } });
        Context.Metrics.EventToAlert.Record((DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - alert.Ts) / 1000.0);
    }

    protected override void OnCommitted() => _uncommitted.Clear();

    // The aborted ones are produced again, unless the topic shows them anyway: a real cluster hides
    // aborted records from read_committed readers, the dev broker does not.
    protected override void OnAborted()
    {
        _producedThisRun.ExceptWith(_uncommitted);
        _uncommitted.Clear();
        _recovered = false;
    }

    private void WhileRedisIsDown(Func<Task> work) => RedisRetry.UntilDone(work, Context.Metrics, Logger, Stage);
}
