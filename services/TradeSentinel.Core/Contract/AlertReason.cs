namespace TradeSentinel.Core.Contract;

/// <summary>A machine-readable code plus a sentence a risk analyst can read.</summary>
public sealed record AlertReason(string Code, string Detail);
