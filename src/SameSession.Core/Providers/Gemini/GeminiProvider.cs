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
        var store = context.CacheStore(GeminiChatCache.StoreName, GeminiChatCache.Codec);
        var roots = context.Roots;
        var slugDirs = new List<ListedEntry>();
        foreach (var e in Sorted(DirectoryListing.Read(tmp, NoFiles))) if (e.IsDirectory) slugDirs.Add(e);
        // Project folders are independent: read on every core (Gemini is often the last agent still being read), kept in folder order.
        var perProject = new List<AgentSession>?[slugDirs.Count];
        ParallelWork.For(slugDirs.Count, i => perProject[i] = ReadSlugDir(slugDirs[i], projects, home, store, roots, context));
        var found = new List<AgentSession>();
        foreach (var sessions in perProject) if (sessions is not null) found.AddRange(sessions);
        return GeminiLiveness.Mark(found, context.Processes);
    }

    /// <summary>The sessions of one project folder (null when it has no chats/), or none with a warning when it cannot be listed.</summary>
    private static List<AgentSession>? ReadSlugDir(ListedEntry slugDir, GeminiProjectMap projects, string home, FactsStore<GeminiChat>? store,
        ProjectRootFinder roots, DiscoveryContext context)
    {
        try
        {
            // One listing of the project folder tells which sessions have a sidecar folder; one of chats/ gives every chat's stat.
            var folders = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in DirectoryListing.Read(slugDir.FullPath, NoFiles)) folders.Add(e.Name);
            if (!folders.Contains("chats")) return null;
            var project = new GeminiFolder(slugDir.FullPath, folders, projects, home, store, roots);
            var chats = DirectoryListing.Read(Path.Combine(slugDir.FullPath, "chats"), IsChat);
            var inProject = new List<AgentSession>(ReadProject(project, Sorted(chats), null, context));
            foreach (var sub in chats)
                if (sub.IsDirectory) inProject.AddRange(ReadProject(project, Sorted(DirectoryListing.Read(sub.FullPath, IsChat)), sub.Name, context));
            return inProject;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Removed by Gemini's clean-up while listed, unreadable, or a name that does not decode: the other projects go on.
            context.Warn(slugDir.FullPath, $"could not be listed ({ex.Message}); its sessions were skipped.");
            return null;
        }
    }

    private static bool NoFiles(ReadOnlySpan<char> name) => false;

    private static bool IsChat(ReadOnlySpan<char> name) =>
        name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    private static List<ListedEntry> Sorted(List<ListedEntry> entries)
    {
        entries.Sort(static (a, b) => string.CompareOrdinal(a.FullPath, b.FullPath));
        return entries;
    }

    private static IEnumerable<AgentSession> ReadProject(GeminiFolder folder, List<ListedEntry> entries, string? parentId, DiscoveryContext context)
    {
        // One session can span files: a legacy .json and the .jsonl Gemini upgraded it to, or the extra file a resume
        // in a later minute opens (only a metadata line and a $set.messages checkpoint). Grouped in first-seen order.
        var groups = new Dictionary<string, List<ChatFile>>(StringComparer.Ordinal);
        var order = new List<List<ChatFile>>();
        foreach (var f in entries)
        {
            if (f.IsDirectory || GeminiChatCache.Read(f, folder.Store, context) is not { } chat) continue;
            if (!groups.TryGetValue(chat.SessionId, out var group))
            {
                groups[chat.SessionId] = group = [];
                order.Add(group);
            }
            group.Add(new ChatFile(f, chat));
        }
        foreach (var group in order)
        {
            var (file, chat) = Fullest(group);
            DateTimeOffset? created = null, updated = null;
            foreach (var c in group)
            {
                if (c.Chat.Started is { } s && (created is null || s < created)) created = s;
                if (c.Chat.LastUpdated is { } u && (updated is null || u > updated)) updated = u;
            }
            var directory = folder.Projects.PathFor(folder.SlugDir, chat.ProjectHash);
            var tree = GitWorkTree.Find(directory, folder.Roots);
            var sessionFiles = new List<string>();
            long size = 0;
            foreach (var c in group)
            {
                sessionFiles.Add(c.File.FullPath);
                size += c.File.Size;
            }
            if (folder.Folders.Contains(chat.SessionId))
            {
                foreach (var f in DirectoryListing.FilesBelow(Path.Combine(folder.SlugDir, chat.SessionId)))
                {
                    sessionFiles.Add(f.FullPath);
                    size += f.Size;
                }
            }
            var notes = new List<string>();
            if (parentId is not null || chat.IsSubagent) notes.Add($"subagent session of {parentId ?? "another session"}");
            if (directory is null) notes.Add($"project folder {Path.GetFileName(folder.SlugDir)} is not in projects.json and has no {GeminiProjectMap.Marker}");
            yield return new AgentSession
            {
                Provider = AgentProvider.Gemini,
                Id = chat.SessionId,
                Title = chat.Summary ?? SessionText.TitleFromPrompt(chat.FirstPrompt),
                Directory = directory,
                ProjectRoot = tree?.Root ?? directory,
                GitBranch = tree?.Branch(),
                Created = created,
                Updated = updated ?? file.LastWriteUtc,
                MessageCount = chat.MessageCount,
                SizeBytes = size,
                IsOrphaned = !string.IsNullOrEmpty(directory) && !folder.Roots.DirectoryExists(directory),
                Note = notes.Count > 0 ? string.Join("; ", notes) : null,
                FirstPrompt = chat.FirstPrompt,
                Files = sessionFiles,
                Home = folder.Home,
            };
        }
    }

    /// <summary>The fullest file is the history: most messages, then .jsonl over .json, then the latest update; the first such in name order.</summary>
    private static ChatFile Fullest(List<ChatFile> group)
    {
        var best = group[0];
        for (var i = 1; i < group.Count; i++)
            if (Fuller(group[i], best)) best = group[i];
        return best;
    }

    private static bool Fuller(ChatFile a, ChatFile b)
    {
        if (a.Chat.MessageCount != b.Chat.MessageCount) return a.Chat.MessageCount > b.Chat.MessageCount;
        var aJsonl = a.File.Name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
        var bJsonl = b.File.Name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
        if (aJsonl != bJsonl) return aJsonl;
        return Nullable.Compare(a.Chat.LastUpdated, b.Chat.LastUpdated) > 0;
    }

    private sealed record ChatFile(ListedEntry File, GeminiChat Chat);

    /// <summary>One tmp/&lt;slug&gt; folder: its path, the subfolders it holds, and what every chat read in it shares.</summary>
    private sealed record GeminiFolder(string SlugDir, HashSet<string> Folders, GeminiProjectMap Projects, string Home,
        FactsStore<GeminiChat>? Store, ProjectRootFinder Roots);
}
