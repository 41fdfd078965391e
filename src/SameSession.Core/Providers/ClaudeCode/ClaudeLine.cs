using SameSession.Core.Providers.Common;
using System.Text.Json;
using SameSession.Core.Infrastructure;

namespace SameSession.Core.Providers.ClaudeCode;

/// <summary>The fields discovery reads from one parsed transcript line.</summary>
internal sealed record ClaudeLine
{
    public string? Type { get; init; }
    public string? Cwd { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public string? GitBranch { get; init; }
    public string? Version { get; init; }
    public string? SessionId { get; init; }
    public string? Title { get; init; }

    /// <summary>For a user line: the text the person typed (null for tool results, commands and injected text).</summary>
    public string? Prompt { get; init; }

    public const int MaxPromptChars = 2000;

    /// <summary>
    /// The envelope of a message line (cwd, timestamp, branch, version, session id) read by key from the end,
    /// without parsing the message; falls back to a full parse when the line is laid out otherwise.
    /// </summary>
    public static ClaudeLine? ParseEnvelope(ReadOnlyMemory<byte> json)
    {
        var line = json.Span;
        var cwd = TopLevelFields.LastString(line, "cwd");
        var timestamp = TopLevelFields.LastString(line, "timestamp");
        if (cwd is null || timestamp is null || line.IsEmpty || line[0] != (byte)'{' || line[^1] != (byte)'}') return Parse(json);
        return new ClaudeLine
        {
            Cwd = cwd,
            Timestamp = JsonRead.Iso(timestamp),
            GitBranch = TopLevelFields.LastString(line, "gitBranch"),
            Version = TopLevelFields.LastString(line, "version"),
            SessionId = TopLevelFields.LastString(line, "sessionId"),
        };
    }

    /// <summary>Parses one line; null when it is not a JSON object.</summary>
    public static ClaudeLine? Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var type = JsonRead.Str(root, "type");
            return new ClaudeLine
            {
                Type = type,
                Cwd = JsonRead.Str(root, "cwd"),
                Timestamp = JsonRead.Iso(JsonRead.Str(root, "timestamp")),
                GitBranch = JsonRead.Str(root, "gitBranch"),
                Version = JsonRead.Str(root, "version"),
                SessionId = JsonRead.Str(root, "sessionId"),
                Title = type switch
                {
                    "ai-title" => JsonRead.Str(root, "aiTitle"),
                    "custom-title" => JsonRead.Str(root, "customTitle"),
                    "summary" => JsonRead.Str(root, "summary"),
                    _ => null,
                },
                Prompt = type == "user" && !JsonRead.Bool(root, "isCompactSummary") && !JsonRead.Bool(root, "isMeta") ? PromptOf(root) : null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? PromptOf(JsonElement root)
    {
        if (!root.TryGetProperty("message", out var m) || m.ValueKind != JsonValueKind.Object || !m.TryGetProperty("content", out var c)) return null;
        string? text = null;
        if (c.ValueKind == JsonValueKind.String) text = LenientJsonString.Of(c);
        else if (c.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in c.EnumerateArray())
            {
                if (block.ValueKind == JsonValueKind.Object && JsonRead.Str(block, "type") == "text") { text = JsonRead.Str(block, "text"); break; }
            }
        }
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || IsInjected(text)) return null;
        return text.Length > MaxPromptChars ? text[..MaxPromptChars] : text;
    }

    // Slash commands, their output, and harness caveats are user lines the person did not type as a prompt.
    private static bool IsInjected(string text) =>
        text.StartsWith("<command-", StringComparison.Ordinal)
        || text.StartsWith("<local-command-", StringComparison.Ordinal)
        || text.StartsWith("<system-reminder>", StringComparison.Ordinal)
        || text.StartsWith("[Request interrupted", StringComparison.Ordinal);



}
