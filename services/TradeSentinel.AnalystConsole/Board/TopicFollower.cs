using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TradeSentinel.Core;
using TradeSentinel.Core.EventTime;
using TradeSentinel.Core.Pipeline;
using TradeSentinel.Core.Validation;
using TradeSentinel.Infrastructure.Kafka;

namespace TradeSentinel.AnalystConsole.Board;

/// <summary>
/// Fills the <see cref="ConsoleBoard"/> and the <see cref="ShadowDiffs"/>: reads the alert, decision,
/// tagged-fill, trade and shadow topics from their beginning, then follows them. No consumer group: every console instance reads
/// everything (it is a view, not a worker). A record it cannot read is counted and logged, never fatal.
/// </summary>
public sealed partial class TopicFollower(KafkaClients kafka, ConsoleBoard board, ShadowDiffs shadow, ConsoleMetrics metrics, ILogger<TopicFollower> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Follow(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Follow(CancellationToken stopping)
    {
        var topics = kafka.Options.Topics;
        var config = kafka.Consumer($"console.{Guid.NewGuid():N}");
        config.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<string?, byte[]>(config).Build();
        string[] followed = [topics.Alerts, topics.Decisions, topics.Scored, topics.Trades, topics.Shadow];
        var ends = new Dictionary<TopicPartition, long>();
        var starts = new List<TopicPartitionOffset>();
        foreach (var topic in followed)
            for (var p = 0; p < TopicProvisioner.PartitionCount(kafka, topic); p++)
            {
                var partition = new TopicPartition(topic, p);
                var marks = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(30));
                if (marks.High.Value > marks.Low.Value) ends[partition] = marks.High.Value;
                starts.Add(new TopicPartitionOffset(partition, Offset.Beginning));
            }
        consumer.Assign(starts);
        board.CaughtUp = ends.Count == 0;
        long read = 0;
        while (!stopping.IsCancellationRequested)
        {
            ConsumeResult<string?, byte[]>? record;
            try
            {
                record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            }
            catch (ConsumeException e)
            {
                LogConsumeFailed(e.Error.Reason);
                continue;
            }
            if (record?.Message is { } message && !Apply(record.Topic, message)) Skipped(record);
            if (board.CaughtUp || (record is not null && ++read % 1024 != 0)) continue;
            // By position, not by the last record's offset: a transactional topic ends with a commit marker, no record.
            foreach (var partition in ends.Keys.ToList())
                if (consumer.Position(partition) is var at && at != Offset.Unset && at.Value >= ends[partition]) ends.Remove(partition);
            if (ends.Count == 0)
            {
                board.CaughtUp = true;
                LogCaughtUp(board.RecommendationCount);
            }
        }
        consumer.Close();
    }

    private bool Apply(string topic, Message<string?, byte[]> message)
    {
        var topics = kafka.Options.Topics;
        if (message.Headers?.TryGetLastBytes(Watermark.Header, out _) == true) return true; // the stages' time, not data
        if (topic == topics.Alerts)
        {
            if (!RecommendationRecord.TryRead(message.Value, out var alert, out _)) return false;
            board.AddRecommendation(alert);
            return true;
        }
        if (topic == topics.Decisions)
        {
            if (message.Value is null) return true; // a tombstone: nothing to show
            if (!DecisionRecord.TryRead(message.Value, out var decision)) return false;
            board.ApplyDecision(decision);
            return true;
        }
        if (topic == topics.Shadow)
        {
            if (message.Key is not { Length: > 0 } candidate) return false;
            if (message.Value is null)
            {
                shadow.Apply(candidate, null); // a tombstone: the candidate was withdrawn
                return true;
            }
            if (!ShadowDiffRecord.TryRead(message.Value, out var diff)) return false;
            shadow.Apply(candidate, diff);
            return true;
        }
        if (topic == topics.Scored)
        {
            if (!ScoredFillPeek.MayNeedCorrelation(message.Value)) return true;
            if (!JsonRecord.TryRead(message.Value, SentinelJson.Default.ScoredFill, out var scored, out _) || scored.Fill?.TradeId is null) return false;
            if (scored.Flagged) board.AddFlaggedFill(scored);
            return true;
        }
        if (!JsonRecord.TryRead(message.Value, SentinelJson.Default.TradeEvent, out var trade, out _)
            || trade.Ts is null || trade.Price is null || trade.Qty is null || !TradeValidator.IsSymbol(trade.Symbol)) return false;
        board.AddTrade(trade);
        return true;
    }

    private void Skipped(ConsumeResult<string?, byte[]> record)
    {
        metrics.RecordsSkipped.Add(1, new KeyValuePair<string, object?>("topic", record.Topic));
        LogSkipped(record.Topic, record.Partition.Value, record.Offset.Value);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "console: unreadable record at {Topic}/{Partition}@{Offset} passed over")]
    private partial void LogSkipped(string topic, int partition, long offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "console: reading the topics failed: {Reason}")]
    private partial void LogConsumeFailed(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "console: read model rebuilt from the topics, {Recommendations} recommendations")]
    private partial void LogCaughtUp(int recommendations);
}
