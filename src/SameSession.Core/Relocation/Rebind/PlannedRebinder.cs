using SameSession.Core.Operations;
using SameSession.Core.Providers;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Sessions;

namespace SameSession.Core.Relocation.Rebind;

/// <summary>
/// Adapts a provider's pure planner (<c>Plan(session, map) → ChangeSet</c>) to <see cref="IRebinder"/>; the fresh
/// liveness check re-discovers just this session, so it uses the provider's own live probe (locks, pids, open db).
/// </summary>
public abstract class PlannedRebinder : IRebinder
{
    public abstract AgentProvider Kind { get; }

    protected abstract ChangeSet PlanChanges(AgentSession session, PathMap map);

    public RebindPlan Plan(AgentSession session, RebindRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (oldDir, newDir) = RebinderRegistry.Directories(session, request);
        return new RebindPlan(session, oldDir, newDir, PlanChanges(session, request.Map));
    }

    public bool IsLiveNow(AgentSession session, AgentEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(session);
        var provider = ProviderRegistry.Find(Kind);
        if (provider is null) return session.IsLive;
        var context = new DiscoveryContext(environment, new RecordingObserver(), includeArchived: true) { IdFilter = id => id == session.Id };
        return provider.Discover(context).Any(s => s.Id == session.Id && s.IsLive);
    }
}

public sealed class OpenCodeRebinder : PlannedRebinder
{
    public override AgentProvider Kind => AgentProvider.OpenCode;

    protected override ChangeSet PlanChanges(AgentSession session, PathMap map) => Providers.OpenCode.OpenCodeRebind.Plan(session, map);
}

public sealed class AcpxRebinder : PlannedRebinder
{
    public override AgentProvider Kind => AgentProvider.Acpx;

    protected override ChangeSet PlanChanges(AgentSession session, PathMap map) => Providers.Acpx.AcpxRebind.Plan(session, map);
}

public sealed class GeminiRebinder : PlannedRebinder
{
    public override AgentProvider Kind => AgentProvider.Gemini;

    protected override ChangeSet PlanChanges(AgentSession session, PathMap map) => Providers.Gemini.GeminiRebind.Plan(session, map);
}
