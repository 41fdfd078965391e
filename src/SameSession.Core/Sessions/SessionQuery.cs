namespace SameSession.Core.Sessions;

/// <summary>What Get-AgentSession / `samesession list` asked for. Empty lists and nulls mean "no filter".</summary>
public sealed record SessionQuery
{
    public IReadOnlyList<AgentProvider> Providers { get; init; } = [];

    /// <summary>Session ids; * and ? are wildcards (case-insensitive).</summary>
    public IReadOnlyList<string> Ids { get; init; } = [];

    /// <summary>Session directories: wildcards, ~, and paths relative to <see cref="CurrentDirectory"/>.</summary>
    public IReadOnlyList<string> FromDirs { get; init; } = [];

    /// <summary>With <see cref="FromDirs"/>: also sessions whose directory lies below a matching directory.</summary>
    public bool Recurse { get; init; }

    /// <summary>A project root path (sessions in it or below it) or a project id (opencode).</summary>
    public string? FromProject { get; init; }

    /// <summary>Case-insensitive text in the title or the first prompt.</summary>
    public string? Search { get; init; }

    /// <summary>Only sessions updated at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only sessions updated before this time.</summary>
    public DateTimeOffset? Before { get; init; }

    public bool Orphaned { get; init; }
    public bool Live { get; init; }

    /// <summary>Keep only the N most recently updated sessions after filtering; 0 keeps all.</summary>
    public int Latest { get; init; }

    public bool IncludeArchived { get; init; }

    /// <summary>Scan every file instead of reusing SameSession's description cache (which is then neither read nor written).</summary>
    public bool NoCache { get; init; }

    /// <summary>The base for relative paths in <see cref="FromDirs"/> and <see cref="FromProject"/>; null = the process's.</summary>
    public string? CurrentDirectory { get; init; }

    public static SessionQuery All { get; } = new();
}
