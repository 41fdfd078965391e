using SameSession.Core.Infrastructure;
using SameSession.Core.Sessions;

namespace SameSession.Core.Providers.Codex;

/// <summary>
/// Codex CLI: <c>$CODEX_HOME</c> or <c>~/.codex</c>; rollouts in <c>sessions/YYYY/MM/DD/</c> (and
/// <c>archived_sessions/</c>), the thread index <c>state_5.sqlite</c> (in <c>$CODEX_SQLITE_HOME</c> when set) and
/// <c>session_index.jsonl</c> names. Rollout files are the truth; the DB row supplies the title and cwd when present.
/// </summary>
internal sealed class CodexProvider : IAgentProvider
{
    public AgentProvider Kind => AgentProvider.Codex;

    public string ResolveHome(AgentEnvironment env) => AgentHomes.Resolve(AgentProvider.Codex, env);

    public IEnumerable<AgentSession> Discover(DiscoveryContext context)
    {
        var home = ResolveHome(context.Environment);
        context.CacheStore(CodexRolloutFacts.StoreName, CodexRolloutFacts.Codec); // opened even when no rollout is left, so its stale entries are pruned
        var sqliteHome = context.Environment.Get("CODEX_SQLITE_HOME") is { } sh ? context.Environment.ExpandHome(sh) : home;
        var dbPath = CodexStateDb.Locate(sqliteHome);
        var rows = dbPath is null ? null : CodexStateDb.ReadThreadsCached(dbPath, context);
        var names = CodexSessionIndex.Names(home, context);

        var work = new List<CodexRollout>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        AddRollouts(context, Path.Combine(home, "sessions"), archived: false, work, seen);
        if (context.IncludeArchived) AddRollouts(context, Path.Combine(home, "archived_sessions"), archived: true, work, seen);

        var facts = new CodexFacts(home, dbPath, rows, names, context.Roots, CodexWriterLocks.Present(home));
        var found = new AgentSession?[work.Count];
        ParallelWork.For(work.Count, i => found[i] = CodexSessionReader.Read(work[i].File, work[i].Id, work[i].Archived, facts, context));
        var sessions = new List<AgentSession>(work.Count);
        foreach (var s in found)
            if (s is not null && (context.IncludeArchived || !s.IsArchived)) sessions.Add(s);
        return sessions;
    }

    private static void AddRollouts(DiscoveryContext context, string root, bool archived, List<CodexRollout> work, HashSet<string> seen)
    {
        if (!Directory.Exists(root)) return;
        List<ListedEntry> files;
        try
        {
            files = DirectoryListing.FilesBelow(root, static name => name.StartsWith("rollout-", StringComparison.Ordinal)
                && (name.EndsWith(".jsonl", StringComparison.Ordinal) || name.EndsWith(".jsonl.zst", StringComparison.Ordinal)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Warn(root, $"could not be listed ({ex.Message}); its rollouts are not shown.");
            return;
        }
        foreach (var f in files)
        {
            var id = CodexSessionReader.IdFromFileName(f.FullPath);
            if (id is null || !context.MayMatchId(id)) continue;
            if (!seen.Add(id))
            {
                context.Warn(f.FullPath, $"a second rollout for thread {id}; only the first one found is listed (Codex refuses duplicates too).");
                continue;
            }
            work.Add(new CodexRollout(f, id, archived));
        }
    }
}

/// <summary>One rollout as the listing saw it.</summary>
internal sealed record CodexRollout(ListedEntry File, string Id, bool Archived);

/// <summary>What every rollout read shares: the home, the DB rows and names, the project-root cache and the lock files present.</summary>
internal sealed record CodexFacts(
    string Home,
    string? DbPath,
    IReadOnlyDictionary<string, CodexThreadRow>? Rows,
    IReadOnlyDictionary<string, string> Names,
    ProjectRootFinder Roots,
    HashSet<string> LockFiles);
