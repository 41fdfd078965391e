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
        context.CacheStore<CodexRolloutFacts>("codex"); // opened even when no rollout is left, so its stale entries are pruned
        var sqliteHome = context.Environment.Get("CODEX_SQLITE_HOME") is { } sh ? context.Environment.ExpandHome(sh) : home;
        var dbPath = CodexStateDb.Locate(sqliteHome);
        var rows = dbPath is null ? null : CodexStateDb.ReadThreads(dbPath, context);
        var names = CodexSessionIndex.Names(home, context);

        var work = new List<(string File, bool Archived)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        AddRollouts(context, Path.Combine(home, "sessions"), archived: false, work, seen);
        if (context.IncludeArchived) AddRollouts(context, Path.Combine(home, "archived_sessions"), archived: true, work, seen);

        var roots = new ProjectRootFinder();
        var facts = new CodexFacts(home, dbPath, rows, names, roots);
        return work
            .AsParallel()
            .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount))
            .Select(w => CodexSessionReader.Read(w.File, w.Archived, facts, context))
            .Where(x => x is not null && (context.IncludeArchived || !x.IsArchived))
            .Select(x => x!)
            .ToList();
    }

    private static void AddRollouts(DiscoveryContext context, string root, bool archived, List<(string, bool)> work, HashSet<string> seen)
    {
        if (!Directory.Exists(root)) return;
        List<string> files;
        try
        {
            files = Directory.EnumerateFiles(root, "rollout-*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".jsonl", StringComparison.Ordinal) || f.EndsWith(".jsonl.zst", StringComparison.Ordinal))
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Warn(root, $"could not be listed ({ex.Message}); its rollouts are not shown.");
            return;
        }
        foreach (var f in files)
        {
            var id = CodexSessionReader.IdFromFileName(f);
            if (id is null || !context.MayMatchId(id)) continue;
            if (!seen.Add(id))
            {
                context.Warn(f, $"a second rollout for thread {id}; only the first one found is listed (Codex refuses duplicates too).");
                continue;
            }
            work.Add((f, archived));
        }
    }
}

/// <summary>What every rollout read shares: the home, the DB rows and names, and the project-root cache.</summary>
internal sealed record CodexFacts(
    string Home,
    string? DbPath,
    IReadOnlyDictionary<string, CodexThreadRow>? Rows,
    IReadOnlyDictionary<string, string> Names,
    ProjectRootFinder Roots);
