using System.Text.Json;

namespace TradeSentinel.Ingest.Mapping;

/// <summary>
/// Where a contract field's value is in a venue's record: a dotted path (<c>maker.acct</c>,
/// <c>legs.0.id</c>: a number indexes an array), or a constant the venue does not send (<c>{"const": "api"}</c>).
/// </summary>
public sealed class FieldSource
{
    private readonly string[] _path;
    private readonly JsonElement? _constant;

    private FieldSource(string[] path, JsonElement? constant)
    {
        _path = path;
        _constant = constant;
    }

    /// <summary>The path as written, for messages.</summary>
    public string Describe => _constant is { } c ? $"the constant {c.GetRawText()}" : string.Join('.', _path);

    public static FieldSource Parse(string field, JsonElement declared)
    {
        if (declared.ValueKind == JsonValueKind.String && declared.GetString() is { Length: > 0 } path)
        {
            var segments = path.Split('.');
            if (segments.Any(s => s.Length == 0)) throw new InvalidDataException($"path \"{path}\" of {field} has an empty segment");
            return new FieldSource(segments, null);
        }
        if (declared.ValueKind == JsonValueKind.Object && declared.TryGetProperty("const", out var constant) && constant.ValueKind == JsonValueKind.String)
            return new FieldSource([], constant.Clone()); // cloned: it outlives the mapping's document
        throw new InvalidDataException($"{field} must be a path (\"a.b\") or {{\"const\": \"value\"}}");
    }

    /// <summary>The value in <paramref name="record"/>; false when absent or null. A constant is a string element.</summary>
    public bool TryFind(JsonElement record, out JsonElement value)
    {
        if (_constant is { } constant)
        {
            value = constant;
            return true;
        }
        value = record;
        foreach (var segment in _path)
        {
            if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty(segment, out var child)) value = child;
            else if (value.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var index) && index >= 0 && index < value.GetArrayLength())
                value = value[index];
            else return false;
        }
        return value.ValueKind != JsonValueKind.Null;
    }
}
