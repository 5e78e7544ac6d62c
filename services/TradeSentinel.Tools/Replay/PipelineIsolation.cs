using Microsoft.Extensions.Configuration;
using TradeSentinel.Infrastructure.Kafka;
using TradeSentinel.Infrastructure.Redis;

namespace TradeSentinel.Tools.Replay;

/// <summary>
/// Settings that give one pipeline run a namespace of its own on a shared broker and Redis: its
/// topics (<c>sentinel.trades.RUN</c>, …), consumer groups and transactional ids (<c>sentinel.RUN.*</c>)
/// and Redis keys (<c>ts:RUN:*</c>), so two runs (the live model and a candidate in shadow) cannot see
/// each other's records, offsets or state, nor the production pipeline's.
/// </summary>
public static class PipelineIsolation
{
    public static Dictionary<string, string?> Overrides(IConfiguration configuration, string run)
    {
        var kafka = configuration.GetSection(KafkaOptions.Section).Get<KafkaOptions>() ?? new KafkaOptions();
        var redis = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        var topics = kafka.Topics.For(run);
        const string section = $"{KafkaOptions.Section}:{nameof(KafkaOptions.Topics)}";
        return new()
        {
            [$"{section}:{nameof(TopicNames.Trades)}"] = topics.Trades,
            [$"{section}:{nameof(TopicNames.Fills)}"] = topics.Fills,
            [$"{section}:{nameof(TopicNames.Scored)}"] = topics.Scored,
            [$"{section}:{nameof(TopicNames.Alerts)}"] = topics.Alerts,
            [$"{section}:{nameof(TopicNames.DeadLetters)}"] = topics.DeadLetters,
            [$"{section}:{nameof(TopicNames.Decisions)}"] = topics.Decisions,
            [$"{section}:{nameof(TopicNames.Shadow)}"] = topics.Shadow,
            [$"{KafkaOptions.Section}:{nameof(KafkaOptions.GroupPrefix)}"] = $"{kafka.GroupPrefix}.{run}",
            [$"{RedisOptions.Section}:{nameof(RedisOptions.KeyPrefix)}"] = $"{redis.KeyPrefix}{run}:",
        };
    }
}
