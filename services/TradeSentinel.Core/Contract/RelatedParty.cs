namespace TradeSentinel.Core.Contract;

/// <summary>An account, API key or app involved in a recommendation, and its part in it.</summary>
/// <param name="Kind"><c>account</c>, <c>api_key</c> or <c>app</c>.</param>
/// <param name="Role">See <see cref="RelatedRoles"/>.</param>
public sealed record RelatedParty(string Kind, string Id, string Role);
