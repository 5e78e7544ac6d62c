using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradeSentinel.Core;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.Validation;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Streaming;

namespace TradeSentinel.Alerting.Hooks;

/// <summary>
/// Delivers the alert topic to the freeze hooks. Each hook reads the topic in a consumer group of
/// its own, so deliveries never hold back scoring or alerting, and a hook that is down holds back
/// nobody but itself. A recommendation goes to the hook if it wants it (action, severity), and the
/// hook's offset moves only once that delivery succeeded or was dead-lettered. After a crash the
/// undelivered ones are sent again with the same <c>webhook-id</c> (the alert id, header-safe),
/// which receivers use to drop repeats.
/// </summary>
public sealed class HookStage : BackgroundService
{
    public const string Stage = "hooks";
    public const string DeliveryFailed = "hook_delivery_failed";

    private readonly StageContext _context;
    private readonly HookOptions _options;
    private readonly ILogger _logger;
    private readonly HttpClient _http = HookHttp.CreateClient();
    private readonly HookDelivery _delivery;
    private readonly IProducer<string?, byte[]> _producer;
    private readonly DeliveryWatch _deliveries;
    private readonly DeadLetterWriter _deadLetters;
    private readonly long[] _handled;

    public HookStage(StageContext context, IOptions<HookOptions> options)
    {
        _context = context;
        _options = options.Value;
        _options.Validate();
        _logger = context.Loggers.CreateLogger<HookStage>();
        _delivery = new HookDelivery(_http, _options, context.Metrics);
        _producer = new ProducerBuilder<string?, byte[]>(context.Kafka.Producer($"{context.Kafka.Options.GroupPrefix}.{Stage}")).Build();
        _deliveries = new DeliveryWatch(context.Metrics, Stage);
        _deadLetters = new DeadLetterWriter(_producer, _deliveries, context, Stage);
        _handled = new long[_options.Endpoints.Count];
    }

    public bool HasEndpoints => _options.Endpoints.Count > 0;

    /// <summary>Recommendations every hook has finished with (delivered, dead-lettered, or not wanted).</summary>
    public long Handled => _handled.Length == 0 ? 0 : _handled.Min();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!HasEndpoints)
        {
            _logger.LogInformation("no freeze hooks configured");
            return Task.CompletedTask;
        }
        return Task.WhenAll(_options.Endpoints.Select((hook, i) =>
            Task.Factory.StartNew(() => Run(hook, i, stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
    }

    private void Run(HookEndpoint hook, int index, CancellationToken stop)
    {
        var stage = $"{Stage}.{hook.Name}";
        var key = hook.SigningKey();
        using var consumer = new ConsumerBuilder<string?, byte[]>(_context.Kafka.Consumer(stage))
            .SetErrorHandler((_, e) => _logger.LogWarning("{Stage} consumer: {Reason}", stage, e.Reason))
            .Build();
        consumer.Subscribe(_context.Topics.Alerts);
        var batch = new List<ConsumeResult<string?, byte[]>>(_options.MaxConcurrentAlerts);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                batch.Clear();
                ConsumerLag.Report(consumer, stage, _context.Metrics);
                var record = consumer.Consume(TimeSpan.FromMilliseconds(100));
                while (record is not null)
                {
                    batch.Add(record);
                    record = batch.Count < _options.MaxConcurrentAlerts ? consumer.Consume(TimeSpan.Zero) : null;
                }
                if (batch.Count == 0) continue;
                Task.WhenAll(batch.Select(r => HandleAsync(hook, key, r, stop))).GetAwaiter().GetResult();
                _producer.Flush(stop); // dead letters are durable before the offsets move past them (a stop leaves the offsets unmoved)
                _deliveries.ThrowIfRefused();
                // A partition revoked or lost while the batch was read belongs to another member now, which
                // delivers its records again (same webhook-id); storing its offset would throw.
                var assigned = consumer.Assignment.ToHashSet();
                foreach (var last in batch.GroupBy(r => r.TopicPartition).Select(g => g.MaxBy(r => r.Offset.Value)!))
                    if (assigned.Contains(last.TopicPartition)) consumer.StoreOffset(new TopicPartitionOffset(last.TopicPartition, last.Offset + 1));
                Interlocked.Add(ref _handled[index], batch.Count);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            _producer.Flush(TimeSpan.FromSeconds(10));
            consumer.Close();
        }
    }

    private async Task HandleAsync(HookEndpoint hook, byte[] key, ConsumeResult<string?, byte[]> record, CancellationToken stop)
    {
        var body = record.Message.Value;
        var source = RecordOrigin.Offset(record.Topic, record.Partition.Value, record.Offset.Value).ToString();
        if (!RecommendationRecord.TryRead(body, out var alert, out var rejection))
        {
            _deadLetters.Write(rejection, source, body);
            return;
        }
        if (!hook.Wants(alert.Action, alert.Severity)) return;
        var outcome = await _delivery.DeliverAsync(hook, key, alert.AlertId, body, stop);
        if (outcome.Delivered) return;
        // Encoded as in the webhook-id header: an id carrying CR/LF cannot forge a log line.
        var detail = $"hook '{hook.Name}': {outcome.Failure} after {outcome.Attempts} attempt(s), alert {HeaderSafeId.Encode(alert.AlertId)}";
        _logger.LogError("freeze hook delivery failed, dead-lettered: {Detail}", detail);
        _deadLetters.Write(new Rejection(DeliveryFailed, detail), source, body);
    }

    public override void Dispose()
    {
        _producer.Dispose();
        _http.Dispose();
        base.Dispose();
    }
}
