using SameSession.Core.Relocation.Journal;
using SameSession.Core.Sessions;

namespace SameSession.Core.Relocation.Rebind;

/// <summary>Gemini CLI: the chat files move to the destination's project slug (GeminiRebind).</summary>
public sealed class GeminiRebinder : PlannedRebinder
{
    public override AgentProvider Kind => AgentProvider.Gemini;

    protected override ChangeSet PlanChanges(AgentSession session, PathMap map) => Providers.Gemini.GeminiRebind.Plan(session, map);
}
