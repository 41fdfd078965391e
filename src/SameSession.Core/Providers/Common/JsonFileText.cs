using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SameSession.Core.Providers.Common;

/// <summary>JSON written back the way the Node-based agents write it: JSON.stringify(value, null, 2), non-ASCII kept.</summary>
internal static class JsonFileText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Bytes(JsonNode node, bool trailingNewline) =>
        Encoding.UTF8.GetBytes(node.ToJsonString(Indented) + (trailingNewline ? "\n" : ""));

    public static JsonObject ReadObject(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return JsonNode.Parse(stream) as JsonObject ?? throw new JsonException($"{path} does not hold a JSON object.");
    }
}
