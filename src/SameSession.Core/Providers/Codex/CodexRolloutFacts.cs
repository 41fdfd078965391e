namespace SameSession.Core.Providers.Codex;

/// <summary>What describing a rollout needs a whole-file read for; cached per rollout size and mtime. DB row facts are always read fresh.</summary>
internal sealed record CodexRolloutFacts(
    string? Prompt,
    string? Cwd,
    string? GitBranch,
    string? CliVersion,
    DateTimeOffset? Created,
    DateTimeOffset? TailTimestamp,
    int MessageCount);
