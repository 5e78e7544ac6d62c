namespace TradeSentinel.Scoring.Model;

/// <summary>A model file that cannot be used, with what to do about it.</summary>
public sealed class ModelLoadException(string message) : Exception(message);
