namespace SameSession.Core.Sessions;

/// <summary>One native session of one agent, as discovery found it. Immutable; operations return new instances.</summary>
public sealed record AgentSession
{
    public required AgentProvider Provider { get; init; }

    /// <summary>The agent's own session id (Claude/Codex uuid, opencode ses_…, acpx record id, Gemini session id).</summary>
    public required string Id { get; init; }

    public string? Title { get; init; }

    /// <summary>The working directory the agent recorded for the session (absolute, as the agent wrote it).</summary>
    public string? Directory { get; init; }

    /// <summary>The repository or project root (git toplevel, opencode worktree), when known.</summary>
    public string? ProjectRoot { get; init; }

    /// <summary>The agent's own project id when it has one (opencode project id, Codex project_id).</summary>
    public string? ProjectId { get; init; }

    public string? GitBranch { get; init; }
    public DateTimeOffset? Created { get; init; }
    public DateTimeOffset? Updated { get; init; }
    public int MessageCount { get; init; }
    public long SizeBytes { get; init; }

    /// <summary>The agent CLI version that last wrote the session.</summary>
    public string? ProviderVersion { get; init; }

    /// <summary>The recorded directory no longer exists (or, for opencode, the session is stranded in the global project).</summary>
    public bool IsOrphaned { get; init; }

    /// <summary>An agent process appears to be running this session right now.</summary>
    public bool IsLive { get; init; }

    public bool IsArchived { get; init; }

    /// <summary>Free-form notes discovery attached, e.g. "zstd-compressed rollout".</summary>
    public string? Note { get; init; }

    /// <summary>The first user prompt (searched by -Search), trimmed.</summary>
    public string? FirstPrompt { get; init; }

    /// <summary>The native files that make up the session (transcripts, sidecars, databases holding its rows).</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>The agent home the session was found in (e.g. ~/.claude).</summary>
    public string? Home { get; init; }

    /// <summary>The id shortened for tables: a UUID's first block, otherwise at most 12 characters.</summary>
    public string ShortId => Id.Length == 36 && Id[8] == '-' ? Id[..8] : Id.Length > 12 ? Id[..12] : Id;

    /// <summary>Stable key: "provider:id", unique across agents.</summary>
    public string Key => FormatKey(Provider, Id);

    public static string FormatKey(AgentProvider provider, string id) => $"{provider}:{id}";
}
