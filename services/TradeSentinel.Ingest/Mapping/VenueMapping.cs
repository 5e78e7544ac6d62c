using System.Text.Json;

namespace TradeSentinel.Ingest.Mapping;

/// <summary>
/// How a venue's trade records become TradeEvent v1, declared in a JSON file (see
/// <c>deploy/mappings/</c> and <c>docs/connect-your-exchange.md</c>): where each contract field is
/// in the venue's record, the unit of its timestamps, its words for sides and channels, whether its
/// numbers arrive as strings, and whether its parties are named buyer/seller or taker/maker.
/// </summary>
public sealed class VenueMapping
{
    /// <summary>Contract fields a mapping can fill, besides the parties' (<see cref="PartyFields"/>).</summary>
    public static readonly string[] TradeFields = ["trade_id", "exchange", "ts", "symbol", "price", "qty", "taker_side", "quote_usd"];

    public static readonly string[] PartyFields = ["account_id", "order_id", "channel", "api_key_id", "app_id", "client_ip"];

    private static readonly string[] Required =
        ["trade_id", "ts", "symbol", "price", "qty", "taker_side", "{0}.account_id", "{0}.channel", "{1}.account_id", "{1}.channel"];

    private static readonly Dictionary<string, long> MillisecondsPer = new()
    {
        ["s"] = 1_000,
        ["ms"] = 1,
        ["us"] = -1_000,
        ["ns"] = -1_000_000, // negative: divide
    };

    /// <summary>Contract field (<c>buyer.account_id</c>, <c>taker.channel</c>, …) → where its value is.</summary>
    public required IReadOnlyDictionary<string, FieldSource> Fields { get; init; }

    /// <summary>True when parties are declared as <c>taker</c>/<c>maker</c>: the buyer is the taker when the taker bought.</summary>
    public required bool TakerMaker { get; init; }

    /// <summary>Multiply (positive) or divide (negative) the venue's timestamp by this to get epoch milliseconds.</summary>
    public required long TsScale { get; init; }

    public required bool NumbersAsStrings { get; init; }

    /// <summary>What the venue puts between base and quote (<c>/</c>, <c>_</c>), replaced by the contract's dash.</summary>
    public string? SymbolSeparator { get; init; }

    /// <summary>The venue's words for <c>taker_side</c> and <c>channel</c> values (<c>B</c> → <c>buy</c>, <c>true</c> → <c>sell</c>).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Values { get; init; }

    /// <exception cref="InvalidDataException">The file is no valid mapping (the message says what is wrong).</exception>
    public static VenueMapping Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"mapping file {path} not found", path);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            return Parse(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"mapping {path} is not valid JSON: {e.Message}");
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"mapping {path}: {e.Message}");
        }
    }

    public static VenueMapping Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException("a mapping is a JSON object");
        var fields = new Dictionary<string, FieldSource>(StringComparer.Ordinal);
        if (!root.TryGetProperty("fields", out var declared) || declared.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException("\"fields\" (contract field → path in the venue's record) is missing");
        foreach (var field in declared.EnumerateObject()) fields[field.Name] = FieldSource.Parse(field.Name, field.Value);

        var takerMaker = fields.Keys.Any(k => k.StartsWith("taker.", StringComparison.Ordinal) || k.StartsWith("maker.", StringComparison.Ordinal));
        var (first, second) = takerMaker ? ("taker", "maker") : ("buyer", "seller");
        foreach (var name in fields.Keys)
        {
            var dot = name.IndexOf('.');
            var known = dot < 0 ? TradeFields.Contains(name) : (name[..dot] == first || name[..dot] == second) && PartyFields.Contains(name[(dot + 1)..]);
            if (!known)
                throw new InvalidDataException($"\"{name}\" is no contract field (use {string.Join(", ", TradeFields)}, and {first}./{second}. with {string.Join(", ", PartyFields)}; buyer/seller and taker/maker do not mix)");
        }
        foreach (var required in Required.Select(r => string.Format(null, r, first, second)))
            if (!fields.ContainsKey(required)) throw new InvalidDataException($"field \"{required}\" is not mapped");

        var unit = root.TryGetProperty("ts_unit", out var u) ? u.GetString() ?? "" : "ms";
        if (!MillisecondsPer.TryGetValue(unit, out var scale)) throw new InvalidDataException($"ts_unit \"{unit}\" is not s, ms, us or ns");

        var values = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (root.TryGetProperty("values", out var vocabularies))
            foreach (var vocabulary in vocabularies.EnumerateObject())
            {
                if (vocabulary.Name is not ("taker_side" or "channel"))
                    throw new InvalidDataException($"values of \"{vocabulary.Name}\": only taker_side and channel have a vocabulary");
                values[vocabulary.Name] = vocabulary.Value.EnumerateObject().ToDictionary(v => v.Name, v => v.Value.GetString()
                    ?? throw new InvalidDataException($"values of {vocabulary.Name}: \"{v.Name}\" must map to a string"), StringComparer.Ordinal);
            }

        return new VenueMapping
        {
            Fields = fields,
            TakerMaker = takerMaker,
            TsScale = scale,
            NumbersAsStrings = root.TryGetProperty("numbers_as_strings", out var n) && n.ValueKind == JsonValueKind.True,
            SymbolSeparator = root.TryGetProperty("symbol_separator", out var sep) ? sep.GetString() : null,
            Values = values,
        };
    }
}
