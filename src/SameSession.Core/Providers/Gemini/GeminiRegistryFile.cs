using System.Text.Json;
using System.Text.Json.Nodes;
using SameSession.Core.Errors;
using SameSession.Core.Providers.Common;

namespace SameSession.Core.Providers.Gemini;

/// <summary>Gemini's project registry <c>projects.json</c> (<c>{"projects": {path: slug}}</c>) read for an edit that keeps every other field.</summary>
internal static class GeminiRegistryFile
{
    public static JsonObject Read(string file)
    {
        JsonObject root;
        try { root = File.Exists(file) ? JsonFileText.ReadObject(file) : new JsonObject(); }
        catch (JsonException ex) { throw new SameSessionException(ErrorIds.UnsupportedFormat, $"{file} is not valid JSON ({ex.Message}); fix or delete it (Gemini rebuilds it).", file, ex); }
        if (root["projects"] is not JsonObject) root["projects"] = new JsonObject();
        return root;
    }

    public static Dictionary<string, string> Entries(JsonObject registry) =>
        ((JsonObject)registry["projects"]!)
            .Where(p => p.Value is JsonValue v && v.TryGetValue<string>(out _))
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
}
