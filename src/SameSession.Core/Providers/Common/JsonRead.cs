using System.Globalization;
using System.Text.Json;

namespace SameSession.Core.Providers.Common;

/// <summary>Tolerant getters over agent JSON: a missing or mistyped field is null, never an exception.</summary>
internal static class JsonRead
{
    public static JsonElement? Prop(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public static string? Str(this JsonElement e, string name) =>
        e.Prop(name) is { ValueKind: JsonValueKind.String } v ? LenientJsonString.Of(v) : null;

    public static long? Long(this JsonElement e, string name) =>
        e.Prop(name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt64(out var n) ? n : null;

    public static bool Bool(this JsonElement e, string name) => e.Prop(name) is { ValueKind: JsonValueKind.True };

    public static JsonElement? Obj(this JsonElement e, string name) => e.Prop(name) is { ValueKind: JsonValueKind.Object } v ? v : null;

    public static JsonElement? Arr(this JsonElement e, string name) => e.Prop(name) is { ValueKind: JsonValueKind.Array } v ? v : null;

    /// <summary>A positive Unix time in milliseconds as an instant; null for zero, negative or past year 9999 (a
    /// corrupt value must not end a provider's discovery with an ArgumentOutOfRangeException).</summary>
    public static DateTimeOffset? FromUnixMs(long? ms) =>
        ms is { } v && v > 0 && v <= MaxUnixMs ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;

    /// <summary>As <see cref="FromUnixMs"/>, in seconds.</summary>
    public static DateTimeOffset? FromUnixSeconds(long? seconds) =>
        seconds is { } v && v > 0 && v <= MaxUnixMs / 1000 ? DateTimeOffset.FromUnixTimeSeconds(v) : null;

    private const long MaxUnixMs = 253402300799999;

    public static DateTimeOffset? Iso(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;

    public static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>First prompts are for display and -Search: one line of bounded length.</summary>
    public static string? Prompt(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        return t.Length > 500 ? t[..500] : t;
    }

    /// <summary>Parses a whole JSON file, or returns null after reporting why.</summary>
    public static JsonDocument? TryParseFile(string path, DiscoveryContext context)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return JsonDocument.Parse(stream);
        }
        catch (JsonException ex)
        {
            context.Warn(path, $"malformed or truncated JSON ({ex.Message}); skipped");
        }
        catch (IOException ex)
        {
            context.Warn(path, $"could not be read ({ex.Message}); skipped");
        }
        catch (UnauthorizedAccessException ex)
        {
            context.Warn(path, $"could not be read ({ex.Message}); skipped");
        }
        return null;
    }
}
