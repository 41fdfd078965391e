using System.Text.Json;
using SameSession.Core.Sessions;

namespace SameSession.Core.Operations.Repair;

/// <summary>What a session remembers about its repository: a commit it contains and its remote, when recorded.</summary>
internal sealed record OriginHints(string? Commit, string? RemoteUrl)
{
    /// <summary>opencode's project id is the repository's root commit; a Codex rollout's session_meta records git facts.</summary>
    public static OriginHints For(AgentSession session)
    {
        if (session.Provider == AgentProvider.OpenCode && IsCommit(session.ProjectId)) return new(session.ProjectId, null);
        if (session.Provider == AgentProvider.Codex && session.Files.FirstOrDefault(f => Path.GetFileName(f).StartsWith("rollout-", StringComparison.Ordinal) && f.EndsWith(".jsonl", StringComparison.Ordinal)) is { } rollout)
            return FromCodexMeta(rollout);
        return new(null, null);
    }

    private static OriginHints FromCodexMeta(string rollout)
    {
        try
        {
            using var reader = new StreamReader(rollout);
            var first = reader.ReadLine();
            if (first is null) return new(null, null);
            using var doc = JsonDocument.Parse(first);
            if (!doc.RootElement.TryGetProperty("payload", out var p) || !p.TryGetProperty("git", out var git) || git.ValueKind != JsonValueKind.Object)
                return new(null, null);
            var commit = git.TryGetProperty("commit_hash", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            var url = git.TryGetProperty("repository_url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            return new(IsCommit(commit) ? commit : null, url);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return new(null, null);
        }
    }

    private static bool IsCommit(string? s) => s is { Length: 40 } && s.All(char.IsAsciiHexDigit);
}
