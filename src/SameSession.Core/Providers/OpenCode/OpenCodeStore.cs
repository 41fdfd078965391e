namespace SameSession.Core.Providers.OpenCode;

/// <summary>An opencode project row: the id sessions point at and the work trees it owns.</summary>
internal sealed record OpenCodeProject(string Id, string Worktree, IReadOnlyList<string> Sandboxes)
{
    public const string GlobalId = "global";

    public bool Owns(string directory) =>
        Id != GlobalId && (Common.PathText.IsWithin(directory, Worktree) || Sandboxes.Any(s => Common.PathText.IsWithin(directory, s)));
}

/// <summary>One session as either storage generation records it, before orphan/liveness checks.</summary>
internal sealed record OpenCodeSessionRow
{
    public required string Id { get; init; }
    public required string ProjectId { get; init; }
    public string? ParentId { get; init; }
    public string? Directory { get; init; }
    public string? Title { get; init; }
    public string? Version { get; init; }
    public DateTimeOffset? Created { get; init; }
    public DateTimeOffset? Updated { get; init; }
    public bool Archived { get; init; }
    public int MessageCount { get; init; }
    public long SizeBytes { get; init; }
    public string? FirstPrompt { get; init; }
    public IReadOnlyList<string> Files { get; init; } = [];
    public string? StorageNote { get; init; }
}

/// <summary>What one opencode store (a database or the legacy JSON tree) holds.</summary>
internal sealed class OpenCodeStore
{
    public Dictionary<string, OpenCodeProject> Projects { get; } = new(StringComparer.Ordinal);
    public List<OpenCodeSessionRow> Sessions { get; } = [];
}
