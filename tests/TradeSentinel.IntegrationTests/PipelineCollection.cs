namespace TradeSentinel.Tests.Fixtures;

[CollectionDefinition(Name)]
public sealed class PipelineCollection
{
    /// <summary>Tests that run the whole pipeline: serialised, they share the model and the two cores.</summary>
    public const string Name = "pipeline";
}
