using SameSession.Core.Sessions;

namespace SameSession.Core.Operations.Repair;

/// <summary>Orphaned sessions to re-home, and where and how long to look for their projects.</summary>
public sealed record RepairRequest
{
    public required IReadOnlyList<AgentSession> Sessions { get; init; }

    /// <summary>Where to search (default: the home directory).</summary>
    public string? SearchRoot { get; init; }

    public int MaxDepth { get; init; } = 6;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public bool Force { get; init; }

    public bool RewriteContent { get; init; }
}
