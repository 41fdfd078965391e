using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SameSession.Core.Capsules.Manifest;

/// <summary>The one JSON shape of a manifest: snake_case, UTC instants ending in Z, nulls written, unknown fields refused.</summary>
public static class ManifestJson
{
    /// <summary>A manifest larger than this is refused before parsing (file lists and row counts only; rows travel as entries).</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    /// <summary>The options of the compile-time contracts (<see cref="ManifestJsonContext"/>): no reflection, so the
    /// native CLI reads and writes manifests too.</summary>
    public static JsonSerializerOptions Options => ManifestJsonContext.Default.Options;

    /// <summary>An instant at the precision the manifest stores (UTC milliseconds), so a re-read manifest compares equal.</summary>
    public static DateTimeOffset Stored(DateTimeOffset instant) =>
        new(instant.UtcTicks - instant.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    public static byte[] Serialize(CapsuleManifest manifest) => JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJsonContext.Default.CapsuleManifest);

    /// <summary>Parses and validates; UnsupportedFormat for another format version, CapsuleCorrupt for anything malformed.</summary>
    public static CapsuleManifest Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxBytes) throw CapsuleErrors.Corrupt($"manifest larger than {MaxBytes} bytes", CapsuleManifest.EntryName);
        CheckFormat(utf8);
        CapsuleManifest? manifest;
        try { manifest = JsonSerializer.Deserialize(utf8, ManifestJsonContext.Default.CapsuleManifest); }
        catch (JsonException ex) { throw CapsuleErrors.Corrupt($"manifest is not valid ({ex.Message})", CapsuleManifest.EntryName); }
        if (manifest is null) throw CapsuleErrors.Corrupt("manifest is null", CapsuleManifest.EntryName);
        ManifestRules.Check(manifest);
        return manifest;
    }

    private static void CheckFormat(ReadOnlySpan<byte> utf8)
    {
        var format = FormatOf(utf8);
        if (format != CapsuleManifest.FormatV1)
            throw CapsuleErrors.Unsupported($"The capsule's format is '{format}'; this build reads '{CapsuleManifest.FormatV1}'");
    }

    /// <summary>The "format" member of a manifest; CapsuleCorrupt when the bytes are not a JSON object with one.</summary>
    public static string FormatOf(ReadOnlySpan<byte> utf8)
    {
        string? format;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var doc = JsonDocument.ParseValue(ref reader);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw CapsuleErrors.Corrupt("manifest is not a JSON object", CapsuleManifest.EntryName);
            format = doc.RootElement.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        }
        catch (JsonException ex) { throw CapsuleErrors.Corrupt($"manifest is not JSON ({ex.Message})", CapsuleManifest.EntryName); }
        return format ?? throw CapsuleErrors.Corrupt("manifest has no format", CapsuleManifest.EntryName);
    }

    internal sealed class UtcInstantConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            if (text is null || !text.EndsWith('Z') || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
                throw new JsonException($"'{text}' is not a UTC date-time ending in Z");
            return value;
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }
}
