using SameSession.Core.Errors;
using SameSession.Core.Sessions;

namespace SameSession.Core.Operations.Move;

public enum MoveStatus
{
    Moved,

    /// <summary>Not changed: -WhatIf, a declined confirmation, or already in place.</summary>
    Skipped,

    Failed,
}

/// <summary>What happened to one session of a move or repair batch.</summary>
public sealed record MoveResult
{
    public required AgentProvider Provider { get; init; }
    public required string Id { get; init; }
    public required MoveStatus Status { get; init; }
    public string? OldDirectory { get; init; }
    public string? NewDirectory { get; init; }

    /// <summary>The changes planned (and applied when Status is Moved), one per line.</summary>
    public IReadOnlyList<string> Plan { get; init; } = [];

    /// <summary>The session as it is after the move (for piping on).</summary>
    public AgentSession? Session { get; init; }

    public ErrorReport? Error { get; init; }

    /// <summary>Why it was skipped, or how the destination was found (repair).</summary>
    public string? Reason { get; init; }
}
