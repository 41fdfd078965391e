using SameSession.Core.Providers.Common;
using System.Text.Json;
using SameSession.Core.Infrastructure;
using System.Text.RegularExpressions;

namespace SameSession.Core.Providers.Codex;

/// <summary>The fields discovery reads from one parsed rollout line.</summary>
internal sealed partial record CodexRolloutLine
{
    public string? Kind { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public string? Id { get; init; }
    public string? Cwd { get; init; }
    public string? CliVersion { get; init; }
    public string? GitBranch { get; init; }

    /// <summary>For a user message: its first text.</summary>
    public string? UserText { get; init; }

    public static CodexRolloutLine? Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var kind = JsonRead.Str(root, "type");
            // The oldest rollouts (before session_meta existed) start with a bare {id, timestamp, instructions, git}.
            var payload = root.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.Object ? p : root;
            return new CodexRolloutLine
            {
                Kind = kind,
                Timestamp = JsonRead.Iso(JsonRead.Str(root, "timestamp")) ?? JsonRead.Iso(JsonRead.Str(payload, "timestamp")),
                Id = JsonRead.Str(payload, "id"),
                Cwd = JsonRead.Str(payload, "cwd"),
                CliVersion = JsonRead.Str(payload, "cli_version"),
                GitBranch = payload.TryGetProperty("git", out var g) && g.ValueKind == JsonValueKind.Object ? JsonRead.Str(g, "branch") : null,
                UserText = JsonRead.Str(payload, "role") == "user" ? FirstText(payload) : null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The cwd inside an injected <c>&lt;environment_context&gt;</c> (how the oldest rollouts recorded it).</summary>
    public static string? CwdFromEnvironmentContext(string? text) =>
        text is not null && EnvironmentCwd().Match(text) is { Success: true } m ? m.Groups[1].Value.Trim() : null;

    [GeneratedRegex("<cwd>([^<]+)</cwd>", RegexOptions.CultureInvariant)]
    private static partial Regex EnvironmentCwd();

    private static string? FirstText(JsonElement payload)
    {
        if (!payload.TryGetProperty("content", out var c) || c.ValueKind != JsonValueKind.Array) return null;
        foreach (var item in c.EnumerateArray())
            if (item.ValueKind == JsonValueKind.Object && JsonRead.Str(item, "text") is { } t) return t;
        return null;
    }


}
