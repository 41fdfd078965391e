using SameSession.Core.Infrastructure;
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
        context.CacheStore<ClaudeTranscriptFacts>("claude"); // opened even when no transcript is left, so its stale entries are pruned
        var work = new List<(string Home, string ProjectDir, string Transcript, IReadOnlyList<string> OldSubagents)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lives = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var home in Homes(env))
        {
            var projects = Path.Combine(home, "projects");
            if (!Directory.Exists(projects)) continue;
            lives[home] = ClaudeLiveRegistry.LiveSessionIds(home, context);
            foreach (var projectDir in SafeEnumerate(context, projects, d => Directory.EnumerateDirectories(d)))
            {
                var transcripts = new List<string>();
                var agents = new List<string>();
                foreach (var file in SafeEnumerate(context, projectDir, d => Directory.EnumerateFiles(d, "*.jsonl")))
                {
                    var stem = Path.GetFileNameWithoutExtension(file);
                    if (stem.StartsWith("agent-", StringComparison.Ordinal)) agents.Add(file);
                    else if (context.MayMatchId(stem) && seen.Add(stem)) transcripts.Add(file);
                }
                if (transcripts.Count == 0) continue;
                var oldSubagents = ClaudeOldSubagents.ByParent(agents, context);
                foreach (var t in transcripts)
                    work.Add((home, projectDir, t, oldSubagents.TryGetValue(Path.GetFileNameWithoutExtension(t), out var list) ? list : []));
            }
        }

        var roots = new ProjectRootFinder();
        return work
            .AsParallel()
            .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount))
            .Select(w => ClaudeSessionReader.Read(w.Home, w.Transcript, w.OldSubagents, lives[w.Home], roots, context))
            .Where(s => s is not null)
            .Select(s => s!)
            .ToList();
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

    private static List<string> SafeEnumerate(DiscoveryContext context, string dir, Func<string, IEnumerable<string>> list)
    {
        try
        {
            return list(dir).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Warn(dir, $"could not be listed ({ex.Message}); skipped.");
            return [];
        }
    }
}
