using System.Text.Json;
using Confluent.Kafka;
using TradeSentinel.Core;
using TradeSentinel.Core.Pipeline;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>Reads the dead-letter topic as an operator's consumer would.</summary>
public static class DeadLetterTopic
{
    /// <summary>Waits for the expected number of letters, then for a second more to catch any extra one.</summary>
    public static List<DeadLetter> Read(string bootstrap, string topic, int expected)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "dlq-reader",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(topic);
        var letters = new List<DeadLetter>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (letters.Count < expected && DateTime.UtcNow < deadline)
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } record)
                letters.Add(JsonSerializer.Deserialize(record.Message.Value, SentinelJson.Default.DeadLetter)!);
        // Nothing more than expected arrives.
        if (consumer.Consume(TimeSpan.FromSeconds(1)) is { } extra) letters.Add(JsonSerializer.Deserialize(extra.Message.Value, SentinelJson.Default.DeadLetter)!);
        consumer.Close();
        return letters;
    }
}
