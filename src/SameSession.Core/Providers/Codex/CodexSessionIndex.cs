using System.Text.Json;

namespace SameSession.Core.Providers.Codex;

/// <summary><c>session_index.jsonl</c>: thread names set by the user, append-only, the last entry for an id wins.</summary>
internal static class CodexSessionIndex
{
    public static Dictionary<string, string> Names(string codexHome, Providers.DiscoveryContext context)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var path = Path.Combine(codexHome, "session_index.jsonl");
        if (!File.Exists(path)) return names;
        var bad = 0;
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                try
                {
                    using var doc = JsonDocument.Parse(line);
                    var root = doc.RootElement;
                    if (root.ValueKind == JsonValueKind.Object
                        && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                        && root.TryGetProperty("thread_name", out var name) && name.ValueKind == JsonValueKind.String
                        && name.GetString() is { Length: > 0 } n)
                        names[id.GetString()!] = n;
                }
                catch (JsonException) { bad++; }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Warn(path, $"could not be read ({ex.Message}); thread names are not shown.");
        }
        if (bad > 0) context.Warn(path, $"{bad} line(s) are not valid JSON; they were skipped.");
        return names;
    }
}
