using SameSession.Core.Relocation.Journal;
using SameSession.Core.Sessions;

namespace SameSession.Core.Relocation.Rebind;

/// <summary>acpx: the session record's cwd and event-log path (AcpxRebind).</summary>
public sealed class AcpxRebinder : PlannedRebinder
{
    public override AgentProvider Kind => AgentProvider.Acpx;

    protected override ChangeSet PlanChanges(AgentSession session, PathMap map) => Providers.Acpx.AcpxRebind.Plan(session, map);
}
