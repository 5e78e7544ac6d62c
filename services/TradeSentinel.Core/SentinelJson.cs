using System.Text.Json;
using System.Text.Json.Serialization;
using TradeSentinel.Core.Contract;
using TradeSentinel.Core.EventTime;
using TradeSentinel.Core.Pipeline;

namespace TradeSentinel.Core;

/// <summary>
/// Source-generated JSON for every record the pipeline reads or writes: snake_case as the contract
/// spells it, nulls omitted, numbers strictly numbers (a quoted price is an error, not a price).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(TradeEvent))]
[JsonSerializable(typeof(Fill))]
[JsonSerializable(typeof(ScoredFill))]
[JsonSerializable(typeof(FreezeRecommendation))]
[JsonSerializable(typeof(DeadLetter))]
[JsonSerializable(typeof(Watermark))]
[JsonSerializable(typeof(AnalystDecision))]
[JsonSerializable(typeof(ShadowDiff))]
public sealed partial class SentinelJson : JsonSerializerContext;
