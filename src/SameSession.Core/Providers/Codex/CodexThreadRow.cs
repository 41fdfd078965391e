namespace SameSession.Core.Providers.Codex;

/// <summary>The columns of one <c>threads</c> row discovery uses (later Codex versions add more; absent ones stay null).</summary>
internal sealed record CodexThreadRow
{
    public required string Id { get; init; }
    public string? RolloutPath { get; init; }
    public DateTimeOffset? Created { get; init; }
    public DateTimeOffset? Updated { get; init; }
    public string? Cwd { get; init; }
    public string? Title { get; init; }
    public string? Name { get; init; }
    public string? FirstUserMessage { get; init; }
    public string? GitBranch { get; init; }
    public string? CliVersion { get; init; }
    public bool Archived { get; init; }
    public string? ProjectId { get; init; }
}
