using System.Text.Json;
using SameSession.Core.Infrastructure;
using SameSession.Core.Providers.Common;
using SameSession.Core.Sessions;
using SameSession.Core.Sessions.Cache;

namespace SameSession.Core.Providers.Acpx;

/// <summary>
/// acpx session records (~/.acpx/sessions/&lt;encodeURIComponent(id)&gt;.json, schema acpx.session.v1). A record whose
/// file name does not match its id is skipped with a warning, as acpx itself ignores it. Closed records are listed
/// (acpx's own `sessions list` shows them; only prompt auto-resume skips them) with "closed" in the Note. MessageCount counts the record's normalized User and Agent messages; an untitled
/// session is titled by its first prompt (as acpx lists it).
/// </summary>
public sealed class AcpxProvider : IAgentProvider
{
    public AgentProvider Kind => AgentProvider.Acpx;

    public string ResolveHome(AgentEnvironment env) => AgentHomes.Resolve(Kind, env);

    public IEnumerable<AgentSession> Discover(DiscoveryContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var home = ResolveHome(context.Environment);
        var sessionsDir = Path.Combine(home, "sessions");
        var store = context.CacheStore(AcpxRecordFacts.StoreName, AcpxRecordFacts.Codec);
        if (!Directory.Exists(sessionsDir)) return [];
        // One listing gives every record, stream segment and stream lock with its size: nothing is probed per session.
        var listing = DirectoryListing.Read(sessionsDir);
        var files = new Dictionary<string, ListedEntry>(listing.Count, PathText.Comparer);
        foreach (var e in listing) if (!e.IsDirectory) files[e.FullPath] = e;
        listing.Sort(static (a, b) => string.CompareOrdinal(a.FullPath, b.FullPath));
        var locks = AcpxLocks.Load(home, context);
        var roots = context.Roots;
        var records = new List<ListedEntry>();
        foreach (var file in listing)
        {
            if (file.IsDirectory || !file.Name.EndsWith(".json", StringComparison.Ordinal)) continue;
            if (file.Name == "index.json") continue; // a legacy cache acpx ignores
            if (context.IdFilter is not null && !context.MayMatchId(Uri.UnescapeDataString(file.Name[..^".json".Length]))) continue;
            records.Add(file);
        }
        // Records are independent: described on every core, kept in listing order.
        var described = new AgentSession?[records.Count];
        ParallelWork.For(records.Count, i =>
        {
            var file = records[i];
            var facts = store?.Get(file.FullPath, file.Size, file.LastWriteUtc) ?? Parse(file, sessionsDir, store, context);
            if (facts is not null) described[i] = Describe(file, facts, files, home, locks, roots, context);
        });
        var found = new List<AgentSession>(records.Count);
        foreach (var s in described) if (s is not null) found.Add(s);
        return found;
    }

    private static AgentSession Describe(ListedEntry record, AcpxRecordFacts f, Dictionary<string, ListedEntry> listed, string home,
        AcpxLocks locks, ProjectRootFinder roots, DiscoveryContext context)
    {
        // The record is <encodeURIComponent(id)>.json (checked when it was parsed): its streams and lock share that stem.
        var stem = record.FullPath[..^".json".Length];
        var (files, size) = SessionFiles(record, stem, f, listed);
        var tree = GitWorkTree.Find(f.Cwd, roots);
        return new AgentSession
        {
            Provider = AgentProvider.Acpx,
            Id = f.Id,
            Title = f.Title,
            Directory = f.Cwd,
            ProjectRoot = tree?.Root,
            GitBranch = tree?.Branch(),
            Created = f.Created,
            Updated = f.Updated,
            MessageCount = f.MessageCount,
            SizeBytes = size,
            IsOrphaned = !string.IsNullOrEmpty(f.Cwd) && !roots.DirectoryExists(f.Cwd),
            IsLive = locks.IsLive(stem + ".stream.lock", f.Id, f.AcpSessionId, listed, context),
            Note = f.Note,
            FirstPrompt = f.FirstPrompt,
            Files = files,
            Home = home,
        };
    }

    /// <summary>The record, then its rotated stream segments oldest first (.stream.N … .stream.1), then the active one; only those that exist.</summary>
    private static (List<string> Files, long Size) SessionFiles(ListedEntry record, string stem, AcpxRecordFacts f, Dictionary<string, ListedEntry> listed)
    {
        var files = new List<string> { record.FullPath };
        var size = record.Size;
        for (var n = f.MaxSegments; n >= 1; n--)
        {
            if (listed.TryGetValue($"{stem}.stream.{n}.ndjson", out var segment))
            {
                files.Add(segment.FullPath);
                size += segment.Size;
            }
        }
        if (listed.TryGetValue(f.ActiveStream, out var active))
        {
            files.Add(active.FullPath);
            size += active.Size;
        }
        else if (File.Exists(f.ActiveStream))
        {
            // A recorded active path in a subfolder of sessions/ is not in the listing.
            files.Add(f.ActiveStream);
            size += PathText.SizeOf(f.ActiveStream);
        }
        return (files, size);
    }

    /// <summary>Parses the record; the facts are cached unless it drew a warning (then it warns again next time).</summary>
    private static AcpxRecordFacts? Parse(ListedEntry record, string sessionsDir, FactsStore<AcpxRecordFacts>? store, DiscoveryContext context)
    {
        var file = record.FullPath;
        using var doc = JsonRead.TryParseFile(file, context);
        if (doc is null) return null;
        var r = doc.RootElement;
        if (r.Str("schema") != AcpxNames.Schema)
        {
            context.Warn(file, $"not an {AcpxNames.Schema} record (schema '{r.Str("schema")}'); skipped");
            return null;
        }
        if (r.Str("acpx_record_id") is not { Length: > 0 } id)
        {
            context.Warn(file, "record has no acpx_record_id; skipped");
            return null;
        }
        var expected = AcpxNames.EncodeUriComponent(id) + ".json";
        if (!string.Equals(record.Name, expected, StringComparison.Ordinal))
        {
            context.Warn(file, $"file name does not match its record id (expected {expected}); acpx ignores it, so it was skipped");
            return null;
        }

        var (count, firstPrompt) = Messages(r);
        var notes = new List<string>();
        if (r.Bool("closed")) notes.Add("closed");
        if (r.Str("name") is { } name) notes.Add($"name: {name}");
        if (r.Str("agent_command") is { } agent) notes.Add($"agent: {agent}");
        if (r.Str("agent_session_id") is { } native) notes.Add($"agent session {native}");
        if (r.Obj("imported_from") is { } imported && imported.Str("record_id") is { } from) notes.Add($"imported from {from}");
        var log = r.Obj("event_log");
        var facts = new AcpxRecordFacts(
            Id: id,
            Title: r.Str("title") ?? SessionText.TitleFromPrompt(firstPrompt),
            FirstPrompt: firstPrompt,
            Cwd: r.Str("cwd"),
            AcpSessionId: r.Str("acp_session_id"),
            Created: JsonRead.Iso(r.Str("created_at")),
            Updated: JsonRead.Latest(JsonRead.Iso(r.Str("last_used_at")), JsonRead.Iso(r.Str("updated_at"))),
            MessageCount: count,
            Note: notes.Count > 0 ? string.Join("; ", notes) : null,
            MaxSegments: (int)Math.Clamp(log?.Long("max_segments") ?? 5, 1, 64),
            ActiveStream: log?.Str("active_path") is { } recorded && PathText.IsWithin(recorded, sessionsDir) ? recorded : AcpxNames.ActiveStream(sessionsDir, id));
        store?.Put(file, record.Size, record.LastWriteUtc, facts);
        return facts;
    }

    private static (int Count, string? FirstPrompt) Messages(JsonElement record)
    {
        if (record.Arr("messages") is not { } messages) return (0, null);
        var count = 0;
        string? first = null;
        foreach (var m in messages.EnumerateArray())
        {
            if (m.Obj("User") is { } user)
            {
                count++;
                first ??= user.Arr("content") is { } content
                    ? JsonRead.Prompt(string.Join("\n", content.EnumerateArray().Select(c => c.Str("Text")).Where(t => t is not null)))
                    : null;
            }
            else if (m.Obj("Agent") is not null) count++;
        }
        return (count, first);
    }
}
