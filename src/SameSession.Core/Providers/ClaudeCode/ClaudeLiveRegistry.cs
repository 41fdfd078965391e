using System.Globalization;
using System.Text.Json;
using SameSession.Core.Infrastructure;
using SameSession.Core.Providers.Common;

namespace SameSession.Core.Providers.ClaudeCode;

/// <summary>
/// Claude Code's live-process registry: <c>sessions/&lt;pid&gt;.json</c> holding {pid, sessionId, cwd, startedAt, …}.
/// A session is live when an entry names it and that pid still runs (a crash leaves stale entries behind).
/// </summary>
internal static class ClaudeLiveRegistry
{
    public static HashSet<string> LiveSessionIds(string home, DiscoveryContext context)
    {
        var live = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var dir = Path.Combine(home, "sessions");
        if (!Directory.Exists(dir)) return live;
        foreach (var file in Directory.EnumerateFiles(dir, "*.json"))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) continue;
                var id = root.TryGetProperty("sessionId", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                var pid = root.TryGetProperty("pid", out var p) && p.TryGetInt32(out var n) ? n
                    : int.TryParse(Path.GetFileNameWithoutExtension(file), NumberStyles.None, CultureInfo.InvariantCulture, out var fromName) ? fromName : 0;
                if (id is not null && ProcessLiveness.IsRunning(pid, StartedAt(root))) live.Add(id);
            }
            catch (JsonException)
            {
                context.Warn(file, "live-session entry is not valid JSON; ignored.");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                context.Warn(file, $"live-session entry could not be read ({ex.Message}); ignored.");
            }
        }
        return live;
    }

    private static DateTimeOffset? StartedAt(JsonElement root)
    {
        if (!root.TryGetProperty("startedAt", out var v)) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var ms)) return JsonRead.FromUnixMs(ms);
        if (v.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return t;
        return null;
    }
}
