namespace TradeSentinel.Service;

/// <summary>A command line that cannot be run; the message says what is missing.</summary>
public sealed class UsageException(string message) : Exception(message);
