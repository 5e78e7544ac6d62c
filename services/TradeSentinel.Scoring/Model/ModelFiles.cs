using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradeSentinel.Scoring.Model;

/// <summary>Where a model's metadata lives next to its zip, and how it is (de)serialised.</summary>
public static class ModelFiles
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static string MetadataPath(string modelPath) => Path.ChangeExtension(modelPath, ".json");

    public static void WriteMetadata(string modelPath, ModelMetadata metadata) =>
        File.WriteAllText(MetadataPath(modelPath), JsonSerializer.Serialize(metadata, Json));

    public static ModelMetadata ReadMetadata(string modelPath)
    {
        var path = MetadataPath(modelPath);
        if (!File.Exists(path)) throw new ModelLoadException($"model metadata {path} is missing; retrain with 'sentinel train'");
        try
        {
            return JsonSerializer.Deserialize<ModelMetadata>(File.ReadAllText(path), Json)
                ?? throw new ModelLoadException($"model metadata {path} is empty");
        }
        catch (JsonException e)
        {
            // E.g. a file caught half-written: replace model files by renaming complete ones into place.
            throw new ModelLoadException($"model metadata {path} is not valid JSON ({e.Message.Split(" Path:")[0]})");
        }
    }
}
