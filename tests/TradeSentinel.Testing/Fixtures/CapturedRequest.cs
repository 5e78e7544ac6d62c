namespace TradeSentinel.Tests.Fixtures;

/// <summary>One request as a hook receiver saw it: its headers and its raw body.</summary>
public sealed record CapturedRequest(IReadOnlyDictionary<string, string> Headers, byte[] Body);
