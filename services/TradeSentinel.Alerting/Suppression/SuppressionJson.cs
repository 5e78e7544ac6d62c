using System.Text.Json.Serialization;

namespace TradeSentinel.Alerting.Suppression;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Suppression))]
internal sealed partial class SuppressionJson : JsonSerializerContext;
