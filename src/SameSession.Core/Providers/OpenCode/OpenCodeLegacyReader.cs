using System.Text.Json;
using SameSession.Core.Providers.Common;

namespace SameSession.Core.Providers.OpenCode;

/// <summary>
/// Reads the JSON-file storage of opencode ≤1.1: storage/project/*.json, storage/session/&lt;projectID&gt;/&lt;id&gt;.json,
/// storage/message/&lt;sessionID&gt;/*.json and storage/part/&lt;messageID&gt;/*.json. Ids come from the file paths, as
/// opencode's own migration does, because old migrations moved files without updating projectID.
/// </summary>
internal sealed class OpenCodeLegacyReader
{
    private readonly string _storage;
    private readonly DiscoveryContext _context;

    public OpenCodeLegacyReader(string storage, DiscoveryContext context)
    {
        _storage = storage;
        _context = context;
    }

    public OpenCodeStore Read()
    {
        var store = new OpenCodeStore();
        foreach (var file in Files(Path.Combine(_storage, "project")))
        {
            using var doc = JsonRead.TryParseFile(file, _context);
            if (doc is null) continue;
            var id = Path.GetFileNameWithoutExtension(file);
            var sandboxes = doc.RootElement.Arr("sandboxes") is { } a
                ? a.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
                : [];
            store.Projects[id] = new OpenCodeProject(id, doc.RootElement.Str("worktree") ?? "/", sandboxes);
        }
        var sessionRoot = Path.Combine(_storage, "session");
        if (!Directory.Exists(sessionRoot)) return store;
        foreach (var projectDir in Directory.EnumerateDirectories(sessionRoot))
            foreach (var file in Files(projectDir).Where(f => _context.MayMatchId(Path.GetFileNameWithoutExtension(f))))
                if (ReadSession(file, Path.GetFileName(projectDir)) is { } row)
                    store.Sessions.Add(row);
        return store;
    }

    private OpenCodeSessionRow? ReadSession(string file, string projectId)
    {
        using var doc = JsonRead.TryParseFile(file, _context);
        if (doc is null) return null;
        var s = doc.RootElement;
        var time = s.Obj("time");
        var archived = time?.Long("archived") is not null;
        if (archived && !_context.IncludeArchived) return null;
        var id = Path.GetFileNameWithoutExtension(file);
        var files = new List<string> { file };
        long size = PathText.SizeOf(file);
        var messageFiles = Files(Path.Combine(_storage, "message", id)).Order(StringComparer.Ordinal).ToList();
        foreach (var m in messageFiles)
        {
            files.Add(m);
            size += PathText.SizeOf(m);
            foreach (var p in Files(Path.Combine(_storage, "part", Path.GetFileNameWithoutExtension(m))))
            {
                files.Add(p);
                size += PathText.SizeOf(p);
            }
        }
        foreach (var extra in new[] { Path.Combine(_storage, "session_diff", id + ".json"), Path.Combine(_storage, "todo", id + ".json") })
            if (File.Exists(extra)) files.Add(extra);
        return new OpenCodeSessionRow
        {
            Id = id,
            ProjectId = projectId,
            ParentId = s.Str("parentID"),
            Directory = s.Str("directory"),
            Title = s.Str("title"),
            Version = s.Str("version"),
            Created = JsonRead.FromUnixMs(time?.Long("created")),
            Updated = JsonRead.FromUnixMs(time?.Long("updated")),
            Archived = archived,
            MessageCount = messageFiles.Count,
            SizeBytes = size,
            FirstPrompt = FirstPrompt(messageFiles),
            Files = files,
            StorageNote = "legacy JSON storage (opencode ≤1.1)",
        };
    }

    /// <summary>Message ids ascend with time, so the first user message is found by reading files in name order.</summary>
    private string? FirstPrompt(List<string> messageFiles)
    {
        foreach (var m in messageFiles)
        {
            using var doc = JsonRead.TryParseFile(m, _context);
            if (doc?.RootElement.Str("role") != "user") continue;
            foreach (var p in Files(Path.Combine(_storage, "part", Path.GetFileNameWithoutExtension(m))).Order(StringComparer.Ordinal))
            {
                using var part = JsonRead.TryParseFile(p, _context);
                if (part is null) continue;
                var e = part.RootElement;
                if (e.Str("type") == "text" && !e.Bool("synthetic")) return JsonRead.Prompt(e.Str("text"));
            }
            return null;
        }
        return null;
    }

    private static IEnumerable<string> Files(string dir) =>
        Directory.Exists(dir) ? Directory.EnumerateFiles(dir, "*.json") : [];
}
