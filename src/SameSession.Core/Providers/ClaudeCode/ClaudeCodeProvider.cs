using SameSession.Core.Infrastructure;
using SameSession.Core.Providers.Common;
using SameSession.Core.Sessions;

namespace SameSession.Core.Providers.ClaudeCode;

/// <summary>
/// Claude Code: <c>$CLAUDE_CONFIG_DIR</c> or <c>~/.claude</c> (and the mid-2025 <c>~/.config/claude</c>),
/// <c>projects/&lt;encoded cwd&gt;/&lt;session id&gt;.jsonl</c>. The folder name is lossy, so the directory
/// always comes from the <c>cwd</c> recorded in the lines.
/// </summary>
internal sealed class ClaudeCodeProvider : IAgentProvider
{
    public AgentProvider Kind => AgentProvider.ClaudeCode;

    public string ResolveHome(AgentEnvironment env) => AgentHomes.Resolve(AgentProvider.ClaudeCode, env);

    public IEnumerable<AgentSession> Discover(DiscoveryContext context)
    {
        var env = context.Environment;
        context.CacheStore(ClaudeTranscriptFacts.StoreName, ClaudeTranscriptFacts.Codec); // opened even when no transcript is left, so its stale entries are pruned
        var work = new List<ClaudeTranscript>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var home in Homes(env))
        {
            var projects = Path.Combine(home, "projects");
            if (!Directory.Exists(projects)) continue;
            var live = ClaudeLiveRegistry.LiveSessionIds(home, context);
            foreach (var projectDir in SafeList(context, projects, null))
            {
                if (!projectDir.IsDirectory) continue;
                AddProject(context, home, projectDir.FullPath, live, seen, work);
            }
        }

        var roots = context.Roots;
        var found = new AgentSession?[work.Count];
        ParallelWork.For(work.Count, i => found[i] = ClaudeSessionReader.Read(work[i], roots, context));
        var sessions = new List<AgentSession>(work.Count);
        foreach (var s in found) if (s is not null) sessions.Add(s);
        return sessions;
    }

    /// <summary>One listing of the project folder: transcripts with their stat, old flat subagents, and which <c>&lt;id&gt;/</c> folders exist.</summary>
    private static void AddProject(DiscoveryContext context, string home, string projectDir, HashSet<string> live, HashSet<string> seen,
        List<ClaudeTranscript> work)
    {
        var transcripts = new List<(ListedEntry File, string Id)>();
        var agents = new List<ListedEntry>();
        HashSet<string>? folders = null;
        foreach (var entry in SafeList(context, projectDir, static name => name.EndsWith(".jsonl", PathText.Comparison)))
        {
            if (entry.IsDirectory)
            {
                (folders ??= new HashSet<string>(StringComparer.Ordinal)).Add(entry.Name);
                continue;
            }
            var stem = entry.Name[..^".jsonl".Length];
            if (stem.StartsWith("agent-", StringComparison.Ordinal)) agents.Add(entry);
            else if (context.MayMatchId(stem) && seen.Add(stem)) transcripts.Add((entry, stem));
        }
        if (transcripts.Count == 0) return;
        var oldSubagents = agents.Count == 0 ? null : ClaudeOldSubagents.ByParent(agents, context);
        foreach (var (file, id) in transcripts)
        {
            var old = oldSubagents is not null && oldSubagents.TryGetValue(id, out var list) ? list : [];
            work.Add(new ClaudeTranscript(home, file, id, folders?.Contains(id) == true, old, live));
        }
    }

    /// <summary>The configured home, plus the 2025 <c>~/.config/claude</c> location when no override is set.</summary>
    internal static IEnumerable<string> Homes(AgentEnvironment env)
    {
        var primary = AgentHomes.Resolve(AgentProvider.ClaudeCode, env);
        yield return primary;
        if (env.Get("CLAUDE_CONFIG_DIR") is not null) yield break;
        var legacy = Path.Combine(env.PathOr("XDG_CONFIG_HOME", ".config"), "claude");
        if (!string.Equals(Path.GetFullPath(legacy), Path.GetFullPath(primary), StringComparison.Ordinal)) yield return legacy;
    }

    private static List<ListedEntry> SafeList(DiscoveryContext context, string dir, FileNameFilter? wantFile)
    {
        try
        {
            return DirectoryListing.Read(dir, wantFile ?? (static _ => false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Warn(dir, $"could not be listed ({ex.Message}); skipped.");
            return [];
        }
    }
}

/// <summary>One transcript as the project listing saw it, with what its description needs besides the file.</summary>
internal sealed record ClaudeTranscript(string Home, ListedEntry File, string Id, bool HasFolder, IReadOnlyList<ListedEntry> OldSubagents,
    HashSet<string> Live);
