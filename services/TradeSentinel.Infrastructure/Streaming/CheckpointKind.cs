namespace TradeSentinel.Infrastructure.Streaming;

/// <summary>Why a stage checkpoints: its offsets of a periodic checkpoint may move later, once its state is saved.</summary>
public enum CheckpointKind
{
    /// <summary>The loop's regular checkpoint: records go on flowing while its state is written.</summary>
    Periodic,

    /// <summary>The stream ended, or partitions are being revoked: everything is durable before it returns.</summary>
    Now,

    /// <summary>The stage stops: as <see cref="Now"/>, and no transaction is opened after it.</summary>
    Final,
}
