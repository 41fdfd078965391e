using SameSession.Core.Infrastructure;
using SameSession.Core.Providers.Common;
using SameSession.Core.Sessions;
using SameSession.Core.Sessions.Cache;

namespace SameSession.Core.Providers.OpenCode;

/// <summary>
/// opencode sessions from every database in the data home (opencode.db, channel databases opencode-&lt;channel&gt;.db,
/// $OPENCODE_DB) and from the legacy JSON storage. Subsessions (parent_id set) are listed too, with a Note naming
/// the parent, because they move together with it.
/// </summary>
public sealed class OpenCodeProvider : IAgentProvider
{
    public AgentProvider Kind => AgentProvider.OpenCode;

    /// <summary>How long a query waits for a lock held by a writer before the database is reported and skipped.</summary>
    internal int BusyTimeoutSeconds { get; init; } = 3;

    public string ResolveHome(AgentEnvironment env) => AgentHomes.Resolve(Kind, env);

    public IEnumerable<AgentSession> Discover(DiscoveryContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var home = ResolveHome(context.Environment);
        var databases = DatabasePaths(home, context.Environment).Where(File.Exists).ToList();
        var projects = new Dictionary<string, OpenCodeProject>(StringComparer.Ordinal);
        var rows = new Dictionary<string, OpenCodeSessionRow>(StringComparer.Ordinal);
        foreach (var db in databases)
            Merge(ReadDatabase(db, context), projects, rows);
        var storage = Path.Combine(home, "storage");
        if (Directory.Exists(Path.Combine(storage, "session")))
            Merge(new OpenCodeLegacyReader(storage, context).Read(), projects, rows);
        if (rows.Count == 0) return [];

        var live = OpenCodeLiveness.Probe(databases, context.Processes);
        var roots = context.Roots;
        return rows.Values.Select(r => ToSession(r, projects, live, roots, home)).ToList();
    }

    /// <summary>
    /// One database through the description cache: while the database and its WAL keep their size and mtime, its rows
    /// come from the cache and SQLite is not opened. A read that warned (locked, corrupt) is not cached.
    /// </summary>
    private OpenCodeStore? ReadDatabase(string db, DiscoveryContext context)
    {
        var store = context.CacheStore(OpenCodeStoreCodec.StoreName, OpenCodeStoreCodec.Instance);
        var stamp = store is null ? null : DatabaseStamp.Of(db);
        // A lookup of a few ids does not pay for describing every session; only full listings fill the cache.
        if (store is null || stamp is not { } key) return new OpenCodeDatabaseReader(db, context, BusyTimeoutSeconds).Read();
        if (store.Get(db, key.Size, key.LastWriteUtc, key.Extra) is { } hit) return Visible(hit, context);
        if (context.IdFilter is not null) return new OpenCodeDatabaseReader(db, context, BusyTimeoutSeconds).Read();
        var complete = new OpenCodeDatabaseReader(db, context, BusyTimeoutSeconds, complete: true).Read();
        if (complete is null) return null;
        store.Put(db, key.Size, key.LastWriteUtc, complete, key.Extra);
        return Visible(complete, context);
    }

    /// <summary>A complete (cached) store narrowed to what this run lists: archived sessions only when asked, the id hint applied.</summary>
    private static OpenCodeStore Visible(OpenCodeStore complete, DiscoveryContext context)
    {
        if (context.IncludeArchived && context.IdFilter is null) return complete;
        var visible = new OpenCodeStore();
        foreach (var (id, p) in complete.Projects) visible.Projects[id] = p;
        foreach (var s in complete.Sessions)
            if ((context.IncludeArchived || !s.Archived) && context.MayMatchId(s.Id)) visible.Sessions.Add(s);
        return visible;
    }

    /// <summary>Every database opencode may have written under this home, the $OPENCODE_DB one first.</summary>
    internal static IReadOnlyList<string> DatabasePaths(string home, AgentEnvironment env)
    {
        var paths = new List<string>();
        if (env.Get("OPENCODE_DB") is { } custom && custom != ":memory:")
            paths.Add(Path.IsPathFullyQualified(custom) ? custom : Path.Combine(home, env.ExpandHome(custom)));
        paths.Add(Path.Combine(home, "opencode.db"));
        if (Directory.Exists(home))
            paths.AddRange(Directory.EnumerateFiles(home, "opencode-*.db").Order(StringComparer.Ordinal));
        return paths.Distinct(PathText.Comparer).ToList();
    }

    private static void Merge(OpenCodeStore? store, Dictionary<string, OpenCodeProject> projects, Dictionary<string, OpenCodeSessionRow> rows)
    {
        if (store is null) return;
        foreach (var (id, p) in store.Projects) projects.TryAdd(id, p);
        foreach (var s in store.Sessions) rows.TryAdd(s.Id, s);
    }

    private static AgentSession ToSession(OpenCodeSessionRow r, Dictionary<string, OpenCodeProject> projects, OpenCodeLiveness live,
        ProjectRootFinder roots, string home)
    {
        var project = projects.GetValueOrDefault(r.ProjectId);
        var tree = GitWorkTree.Find(r.Directory, roots);
        var orphan = OpenCodeOrphans.Reason(r, projects, tree, roots);
        var notes = new[] { r.ParentId is null ? null : $"subsession of {r.ParentId}", orphan is null ? null : $"orphaned: {orphan}", r.StorageNote }
            .Where(n => n is not null);
        return new AgentSession
        {
            Provider = AgentProvider.OpenCode,
            Id = r.Id,
            Title = r.Title,
            Directory = r.Directory,
            ProjectRoot = project is { Id: not OpenCodeProject.GlobalId } ? project.Worktree : tree?.Root,
            // The repository's root commit (or 'global'): how Repair finds a renamed repository.
            ProjectId = r.ProjectId,
            GitBranch = tree?.Branch(),
            Created = r.Created,
            Updated = r.Updated ?? r.Created,
            MessageCount = r.MessageCount,
            SizeBytes = r.SizeBytes,
            ProviderVersion = r.Version,
            IsOrphaned = orphan is not null,
            IsLive = live.Any && live.IsLive(r, project),
            IsArchived = r.Archived,
            Note = string.Join("; ", notes) is { Length: > 0 } n ? n : null,
            FirstPrompt = r.FirstPrompt,
            Files = r.Files,
            Home = home,
        };
    }
}
