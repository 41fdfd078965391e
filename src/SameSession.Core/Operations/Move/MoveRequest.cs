using SameSession.Core.Relocation;
using SameSession.Core.Sessions;

namespace SameSession.Core.Operations.Move;

/// <summary>Sessions to move, and where: one <see cref="Destination"/> for all (each session's directory maps onto
/// it), or a <see cref="Map"/> of old roots to new roots (sub-directories keep their place).</summary>
public sealed record MoveRequest
{
    public required IReadOnlyList<AgentSession> Sessions { get; init; }
    public string? Destination { get; init; }
    public PathMap? Map { get; init; }

    /// <summary>Create a missing destination directory instead of failing.</summary>
    public bool Create { get; init; }

    /// <summary>Move even when the agent appears to be running the session.</summary>
    public bool Force { get; init; }

    /// <summary>Also rewrite paths in text the model saw (tool inputs and results, environment blocks).</summary>
    public bool RewriteContent { get; init; }
}
