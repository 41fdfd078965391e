using SameSession.Core.Relocation.Journal;
using SameSession.Core.Sessions;

namespace SameSession.Core.Relocation.Rebind;

/// <summary>
/// One agent's "rebind": the file and database changes that make a session belong to another directory.
/// Implementations are pure planners: they read, never write; the journal applies the plan. Any non-abstract class
/// in Core implementing this with a public parameterless constructor is picked up by <see cref="RebinderRegistry"/>.
/// </summary>
public interface IRebinder
{
    AgentProvider Kind { get; }

    /// <summary>The changes that move <paramref name="session"/> as <paramref name="request"/> says.</summary>
    RebindPlan Plan(AgentSession session, RebindRequest request);

    /// <summary>A fresh look (not discovery's snapshot) at whether the agent is running the session right now.</summary>
    bool IsLiveNow(AgentSession session, AgentEnvironment environment);

    /// <summary>
    /// After a batch: changes that only the committed moves together make right, planned from the disk as it is now
    /// (e.g. Claude's project memory, once the batch has emptied its folder); null when there are none.
    /// </summary>
    ChangeSet? AfterBatch(IReadOnlyList<RebindPlan> committed, AgentEnvironment environment) => null;
}

/// <summary>What to move where. <see cref="RewriteContent"/> also rewrites paths in text the model saw (tool
/// inputs and results, environment blocks, messages); without it only metadata fields change. Thinking never.</summary>
public sealed record RebindRequest(PathMap Map, AgentEnvironment Environment)
{
    public bool RewriteContent { get; init; }

    /// <summary>Shared-file facts reused across the sessions of one batch.</summary>
    public FileFacts Facts { get; init; } = new();
}

/// <summary>A planned move: the directories before and after, and the changes, ready for the journal.</summary>
public sealed record RebindPlan(AgentSession Session, string OldDirectory, string NewDirectory, ChangeSet Changes);
