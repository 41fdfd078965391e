using System.Text.Json;
using System.Text.RegularExpressions;

namespace SameSession.Tests.Unit.Capsules;

/// <summary>
/// Validates JSON against the subset of JSON Schema 2020-12 our format schemas use. A keyword outside the subset
/// fails loudly, so a schema cannot silently rely on something this validator ignores.
/// </summary>
internal sealed class MiniSchemaValidator(JsonElement root)
{
    private static readonly HashSet<string> Known =
    [
        "$schema", "$id", "title", "description", "$defs", "$ref", "type", "const", "enum", "properties", "required",
        "additionalProperties", "items", "pattern", "minLength", "maxLength", "minimum",
    ];

    public List<string> Validate(JsonElement value)
    {
        var errors = new List<string>();
        Check(root, value, "$", errors);
        return errors;
    }

    private void Check(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        foreach (var p in schema.EnumerateObject())
            if (!Known.Contains(p.Name)) throw new NotSupportedException($"schema keyword '{p.Name}' at {at} is outside the supported subset");

        if (schema.TryGetProperty("$ref", out var r))
        {
            var name = r.GetString()!;
            if (!name.StartsWith("#/$defs/", StringComparison.Ordinal)) throw new NotSupportedException(name);
            Check(root.GetProperty("$defs").GetProperty(name["#/$defs/".Length..]), value, at, errors);
        }
        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!types.Any(t => IsType(value, t))) { errors.Add($"{at}: expected {string.Join("|", types)}, got {value.ValueKind}"); return; }
        }
        if (schema.TryGetProperty("const", out var c) && !JsonElement.DeepEquals(c, value)) errors.Add($"{at}: expected {c}");
        if (schema.TryGetProperty("enum", out var e) && !e.EnumerateArray().Any(x => JsonElement.DeepEquals(x, value))) errors.Add($"{at}: {value} not in enum");

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                if (schema.TryGetProperty("required", out var req))
                    foreach (var name in req.EnumerateArray().Select(x => x.GetString()!))
                        if (!value.TryGetProperty(name, out _)) errors.Add($"{at}: missing '{name}'");
                var props = schema.TryGetProperty("properties", out var ps) ? ps : default;
                foreach (var p in value.EnumerateObject())
                {
                    if (props.ValueKind == JsonValueKind.Object && props.TryGetProperty(p.Name, out var sub)) Check(sub, p.Value, $"{at}.{p.Name}", errors);
                    else if (schema.TryGetProperty("additionalProperties", out var ap) && ap.ValueKind == JsonValueKind.False) errors.Add($"{at}: unexpected '{p.Name}'");
                }
                break;
            case JsonValueKind.Array:
                if (schema.TryGetProperty("items", out var items))
                {
                    var i = 0;
                    foreach (var item in value.EnumerateArray()) Check(items, item, $"{at}[{i++}]", errors);
                }
                break;
            case JsonValueKind.String:
                var s = value.GetString()!;
                if (schema.TryGetProperty("pattern", out var pat) && !Regex.IsMatch(s, pat.GetString()!)) errors.Add($"{at}: '{s}' does not match {pat}");
                if (schema.TryGetProperty("minLength", out var min) && s.Length < min.GetInt32()) errors.Add($"{at}: shorter than {min}");
                if (schema.TryGetProperty("maxLength", out var max) && s.Length > max.GetInt32()) errors.Add($"{at}: longer than {max}");
                break;
            case JsonValueKind.Number:
                if (schema.TryGetProperty("minimum", out var m) && value.GetDecimal() < m.GetDecimal()) errors.Add($"{at}: below {m}");
                break;
        }
    }

    private static bool IsType(JsonElement v, string type) => type switch
    {
        "object" => v.ValueKind == JsonValueKind.Object,
        "array" => v.ValueKind == JsonValueKind.Array,
        "string" => v.ValueKind == JsonValueKind.String,
        "boolean" => v.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => v.ValueKind == JsonValueKind.Null,
        "integer" => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out _),
        "number" => v.ValueKind == JsonValueKind.Number,
        _ => throw new NotSupportedException(type),
    };
}
