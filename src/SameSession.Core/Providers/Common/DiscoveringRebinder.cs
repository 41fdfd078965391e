using SameSession.Core.Relocation;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Relocation.Rebind;
using SameSession.Core.Sessions;

namespace SameSession.Core.Providers;

/// <summary>
/// The part of the opencode, acpx and Gemini rebinders that is the same: the kind and a fresh liveness look come
/// from the agent's discovery provider, and the move's directories are checked before the agent-specific plan.
/// </summary>
public abstract class DiscoveringRebinder<TProvider> : IRebinder where TProvider : IAgentProvider, new()
{
    public AgentProvider Kind => new TProvider().Kind;

    public bool IsLiveNow(AgentSession session, AgentEnvironment environment) =>
        RebindDirectories.IsLiveNow(new TProvider(), session, environment);

    public RebindPlan Plan(AgentSession session, RebindRequest request)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        var (oldDir, newDir) = RebindDirectories.Of(session, request);
        return new RebindPlan(session, oldDir, newDir, Changes(session, request.Map, oldDir, newDir));
    }

    /// <summary>The agent's changes for moving <paramref name="session"/> from <paramref name="oldDir"/> to the existing <paramref name="newDir"/>.</summary>
    protected abstract ChangeSet Changes(AgentSession session, PathMap map, string oldDir, string newDir);
}
