using SameSession.Core.Infrastructure;
using SameSession.Core.Providers.Common;
using SameSession.Core.Sessions;
using SameSession.Core.Sessions.Cache;

namespace SameSession.Core.Providers.Gemini;

/// <summary>
/// Gemini CLI chats under &lt;home&gt;/tmp/&lt;slug or sha256&gt;/chats/: main sessions (*.jsonl, legacy *.json; a legacy
/// file upgraded to .jsonl on resume is one session with both files) and subagent sessions in chats/&lt;parent&gt;/.
/// The Directory is the project path the folder belongs to (registry, marker, or hash match). The Title is the
/// chat's summary, else its first prompt (as Gemini's session browser shows it).
/// </summary>
public sealed class GeminiProvider : IAgentProvider
{
    public AgentProvider Kind => AgentProvider.Gemini;

    public string ResolveHome(AgentEnvironment env) => AgentHomes.Resolve(Kind, env);

    public IEnumerable<AgentSession> Discover(DiscoveryContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var home = ResolveHome(context.Environment);
        var tmp = Path.Combine(home, "tmp");
        if (!Directory.Exists(tmp)) return [];
        var projects = GeminiProjectMap.Load(home, context);
        var store = context.CacheStore<GeminiChat>(GeminiChatCache.StoreName);
        var found = new List<AgentSession>();
        foreach (var slugDir in Directory.EnumerateDirectories(tmp).Order(StringComparer.Ordinal))
        {
            var chats = Path.Combine(slugDir, "chats");
            if (!Directory.Exists(chats)) continue;
            found.AddRange(ReadProject(slugDir, chats, null, projects, home, store, context));
            foreach (var sub in Directory.EnumerateDirectories(chats).Order(StringComparer.Ordinal))
                found.AddRange(ReadProject(slugDir, sub, Path.GetFileName(sub), projects, home, store, context));
        }
        return GeminiLiveness.Mark(found);
    }

    private static IEnumerable<AgentSession> ReadProject(string slugDir, string chatDir, string? parentId, GeminiProjectMap projects,
        string home, FactsStore<GeminiChat>? store, DiscoveryContext context)
    {
        var files = Directory.EnumerateFiles(chatDir)
            .Where(f => f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        var chats = new List<(string File, GeminiChat Chat)>();
        foreach (var f in files)
            if (GeminiChatCache.Read(f, store, context) is { } chat) chats.Add((f, chat));
        var roots = new ProjectRootFinder();
        foreach (var group in chats.GroupBy(c => c.Chat.SessionId, StringComparer.Ordinal))
        {
            // One session can span files: a legacy .json and the .jsonl Gemini upgraded it to, or the extra file a resume
            // in a later minute opens (only a metadata line and a $set.messages checkpoint). The fullest one is the history.
            var (file, chat) = group
                .OrderByDescending(c => c.Chat.MessageCount)
                .ThenByDescending(c => c.File.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
                .ThenByDescending(c => c.Chat.LastUpdated)
                .First();
            var directory = projects.PathFor(slugDir, chat.ProjectHash);
            var tree = GitWorkTree.Find(directory, roots);
            var sessionFiles = group.Select(c => c.File).ToList();
            var sidecar = Path.Combine(slugDir, chat.SessionId);
            if (Directory.Exists(sidecar)) sessionFiles.AddRange(Directory.EnumerateFiles(sidecar, "*", SearchOption.AllDirectories));
            var notes = new List<string>();
            if (parentId is not null || chat.IsSubagent) notes.Add($"subagent session of {parentId ?? "another session"}");
            if (directory is null) notes.Add($"project folder {Path.GetFileName(slugDir)} is not in projects.json and has no {GeminiProjectMap.Marker}");
            yield return new AgentSession
            {
                Provider = AgentProvider.Gemini,
                Id = chat.SessionId,
                Title = chat.Summary ?? SessionText.TitleFromPrompt(chat.FirstPrompt),
                Directory = directory,
                ProjectRoot = tree?.Root ?? directory,
                GitBranch = tree?.Branch(),
                Created = group.Min(c => c.Chat.Started),
                Updated = group.Max(c => c.Chat.LastUpdated) ?? LastWrite(file),
                MessageCount = chat.MessageCount,
                SizeBytes = sessionFiles.Sum(PathText.SizeOf),
                IsOrphaned = PathText.DirectoryGone(directory),
                Note = notes.Count > 0 ? string.Join("; ", notes) : null,
                FirstPrompt = chat.FirstPrompt,
                Files = sessionFiles,
                Home = home,
            };
        }
    }

    private static DateTimeOffset? LastWrite(string file)
    {
        try { return File.GetLastWriteTimeUtc(file); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
