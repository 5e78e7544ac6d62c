namespace TradeSentinel.Tools.Replay;

/// <summary>A stage stopped before the end of the stream; the log above names it and why.</summary>
public sealed class PipelineFailedException(Exception? inner)
    : Exception("the pipeline stopped before the end of the stream; the log above says why", inner);
