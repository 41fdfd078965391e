using SameSession.Core.Errors;
using SameSession.Core.Operations;
using SameSession.Core.Relocation.Rebind;
using SameSession.Core.Sessions;

namespace SameSession.Core.Providers;

/// <summary>What the opencode, acpx and Gemini rebinders share: the directories of a move and a fresh liveness look.</summary>
internal static class RebindDirectories
{
    /// <summary>The session's directory and its mapped destination, which must already exist (the agent loads it on resume).</summary>
    public static (string Old, string New) Of(AgentSession session, RebindRequest request)
    {
        var (old, moved) = RebinderRegistry.Directories(session, request);
        if (!Directory.Exists(moved))
            throw new SameSessionException(ErrorIds.PathNotFound, $"The destination {moved} does not exist; move or create it first (the agent loads it on resume).", moved);
        return (old, moved);
    }

    /// <summary>Discovery of just this session, now: its liveness from the agent's current locks and processes.</summary>
    public static bool IsLiveNow(IAgentProvider provider, AgentSession session, AgentEnvironment environment)
    {
        var context = new DiscoveryContext(environment, new RecordingObserver()) { IdFilter = id => id == session.Id };
        return provider.Discover(context).FirstOrDefault(s => s.Id == session.Id)?.IsLive ?? false;
    }
}
