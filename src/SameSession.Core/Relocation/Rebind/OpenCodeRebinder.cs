using SameSession.Core.Relocation.Journal;
using SameSession.Core.Sessions;

namespace SameSession.Core.Relocation.Rebind;

/// <summary>opencode: session rows, project id of the destination repository, message path records (OpenCodeRebind).</summary>
public sealed class OpenCodeRebinder : PlannedRebinder
{
    public override AgentProvider Kind => AgentProvider.OpenCode;

    protected override ChangeSet PlanChanges(AgentSession session, PathMap map) => Providers.OpenCode.OpenCodeRebind.Plan(session, map);
}
