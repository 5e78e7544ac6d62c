using System.Text.Json;
using Json.Schema;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>The repository's JSON Schemas, loaded with their cross-references resolvable.</summary>
public static class Schemas
{
    // Building a schema registers it (and its $id) globally, so each file is built exactly once.
    private static readonly Lazy<Dictionary<string, JsonSchema>> All = new(() =>
        Directory.GetFiles(Path.Combine(RepoPaths.Root, "schemas"), "*.json").ToDictionary(f => Path.GetFileName(f), f => JsonSchema.FromFile(f)));

    public static JsonSchema Load(string name) => All.Value[name];

    public static void AssertValid(JsonSchema schema, string json)
    {
        var result = schema.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        Assert.True(result.IsValid, $"{json[..Math.Min(300, json.Length)]}\n{string.Join("\n", errors)}");
    }
}
