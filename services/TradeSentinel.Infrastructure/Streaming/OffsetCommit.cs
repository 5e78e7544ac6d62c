using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace TradeSentinel.Infrastructure.Streaming;

/// <summary>A plain consumer commit that never stops a stage.</summary>
internal static class OffsetCommit
{
    /// <summary>
    /// Commits now (the stored offsets, or the given ones). A failure is logged, not thrown: the
    /// offsets are committed again at the next checkpoint, and at worst the next owner of the
    /// partition re-reads records whose results are idempotent.
    /// </summary>
    public static void TryCommit(IConsumer<string?, byte[]> consumer, List<TopicPartitionOffset>? offsets, ILogger logger, string stage)
    {
        try
        {
            if (offsets is null) consumer.Commit();
            else consumer.Commit(offsets);
        }
        catch (KafkaException e) when (e.Error.Code != ErrorCode.Local_NoOffset)
        {
            logger.LogWarning("{Stage} could not commit offsets now ({Reason}); they are committed at the next checkpoint", stage, e.Error.Reason);
        }
        catch (KafkaException)
        {
        }
    }
}
