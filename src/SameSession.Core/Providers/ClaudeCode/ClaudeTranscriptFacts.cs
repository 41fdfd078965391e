namespace SameSession.Core.Providers.ClaudeCode;

/// <summary>What describing a Claude transcript needs a whole-file read for; cached per transcript size and mtime.</summary>
internal sealed record ClaudeTranscriptFacts(
    string? Title,
    string? FirstPrompt,
    string? Directory,
    string? GitBranch,
    string? ProviderVersion,
    DateTimeOffset? Created,
    DateTimeOffset? Updated,
    int MessageCount);

