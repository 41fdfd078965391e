using System.Text.Json;
using SameSession.Core.Infrastructure;
using SameSession.Core.Providers.Common;
using SameSession.Core.Sessions;

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
        if (!Directory.Exists(sessionsDir)) return [];
        var locks = AcpxLocks.Load(home, context);
        var roots = new ProjectRootFinder();
        var found = new List<AgentSession>();
        foreach (var file in Directory.EnumerateFiles(sessionsDir, "*.json").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file) == "index.json") continue; // a legacy cache acpx ignores
            if (!context.MayMatchId(Uri.UnescapeDataString(Path.GetFileNameWithoutExtension(file)))) continue;
            if (Read(file, sessionsDir, home, locks, roots, context) is { } s) found.Add(s);
        }
        return found;
    }

    private static AgentSession? Read(string file, string sessionsDir, string home, AcpxLocks locks,
        ProjectRootFinder roots, DiscoveryContext context)
    {
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
        if (!string.Equals(Path.GetFileName(file), expected, StringComparison.Ordinal))
        {
            context.Warn(file, $"file name does not match its record id (expected {expected}); acpx ignores it, so it was skipped");
            return null;
        }

        var files = new List<string> { file };
        files.AddRange(StreamSegments(r, sessionsDir, id));
        var (count, firstPrompt) = Messages(r);
        var cwd = r.Str("cwd");
        var tree = GitWorkTree.Find(cwd, roots);
        var acpId = r.Str("acp_session_id");
        var notes = new List<string>();
        if (r.Bool("closed")) notes.Add("closed");
        if (r.Str("name") is { } name) notes.Add($"name: {name}");
        if (r.Str("agent_command") is { } agent) notes.Add($"agent: {agent}");
        if (r.Str("agent_session_id") is { } native) notes.Add($"agent session {native}");
        if (r.Obj("imported_from") is { } imported && imported.Str("record_id") is { } from) notes.Add($"imported from {from}");
        return new AgentSession
        {
            Provider = AgentProvider.Acpx,
            Id = id,
            Title = r.Str("title") ?? SessionText.TitleFromPrompt(firstPrompt),
            Directory = cwd,
            ProjectRoot = tree?.Root,
            GitBranch = tree?.Branch(),
            Created = JsonRead.Iso(r.Str("created_at")),
            Updated = JsonRead.Latest(JsonRead.Iso(r.Str("last_used_at")), JsonRead.Iso(r.Str("updated_at"))),
            MessageCount = count,
            SizeBytes = files.Sum(PathText.SizeOf),
            IsOrphaned = PathText.DirectoryGone(cwd),
            IsLive = locks.IsLive(sessionsDir, id, acpId, context),
            Note = notes.Count > 0 ? string.Join("; ", notes) : null,
            FirstPrompt = firstPrompt,
            Files = files,
            Home = home,
        };
    }

    /// <summary>Rotated segments oldest first (.stream.N … .stream.1), then the active one; only those that exist.</summary>
    private static IEnumerable<string> StreamSegments(JsonElement record, string sessionsDir, string id)
    {
        var log = record.Obj("event_log");
        var max = (int)Math.Clamp(log?.Long("max_segments") ?? 5, 1, 64);
        for (var n = max; n >= 1; n--)
        {
            var segment = AcpxNames.StreamSegment(sessionsDir, id, n);
            if (File.Exists(segment)) yield return segment;
        }
        var active = log?.Str("active_path") is { } recorded && PathText.IsWithin(recorded, sessionsDir) ? recorded : AcpxNames.ActiveStream(sessionsDir, id);
        if (File.Exists(active)) yield return active;
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
