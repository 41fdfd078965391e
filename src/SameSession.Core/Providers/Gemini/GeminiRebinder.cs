using System.Text;
using System.Text.Json.Nodes;
using SameSession.Core.Errors;
using SameSession.Core.Providers.Common;
using SameSession.Core.Relocation;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Sessions;

namespace SameSession.Core.Providers.Gemini;

/// <summary>
/// Plans rebinding a Gemini chat to the project directory a path map gives it: Gemini finds chats only in the
/// tmp/&lt;slug&gt;/chats of the directory it runs in, so the chat files (and the session's subagent chats and sidecar
/// folder) move to the destination's slug folder; the registry entry and .project_root marker are added when missing.
/// The projectHash inside the chat is left alone (Gemini does not use it for lookup).
/// </summary>
public sealed class GeminiRebinder : DiscoveringRebinder<GeminiProvider>
{
    protected override ChangeSet Changes(AgentSession session, PathMap map, string oldDir, string newDir)
    {
        var chats = session.Files.Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "chats").ToList();
        if (chats.Count == 0 || session.Home is null)
            throw new SameSessionException(ErrorIds.UnsupportedFormat,
                $"Session {session.Key} is not a main Gemini chat under tmp/<project>/chats; subagent chats move with their parent.", session.Key);
        var oldSlugDir = Path.GetDirectoryName(Path.GetDirectoryName(chats[0]))!;
        var tmp = Path.GetDirectoryName(oldSlugDir)!;
        var registryFile = GeminiProjectMap.RegistryPath(session.Home);
        var registry = GeminiRegistryFile.Read(registryFile);
        var (slug, registered, claimed) = GeminiSlugs.For(newDir, GeminiRegistryFile.Entries(registry), tmp);
        var newSlugDir = Path.Combine(tmp, slug);
        if (PathText.Trim(newSlugDir).Equals(PathText.Trim(oldSlugDir), PathText.Comparison))
            throw new SameSessionException(ErrorIds.InvalidArgument, $"{oldDir} and {newDir} share Gemini's project folder {slug}; nothing to move.", newDir);

        var changes = new ChangeSet($"Rebind Gemini session {session.Id} from {oldDir} ({Path.GetFileName(oldSlugDir)}) to {newDir} ({slug})");
        if (!registered)
        {
            ((JsonObject)registry["projects"]!)[GeminiSlugs.RegistryKey(newDir)] = slug;
            var bytes = JsonFileText.Bytes(registry, trailingNewline: false);
            changes.WriteFile(registryFile, s => s.Write(bytes));
        }
        changes.CreateDirectories(Path.Combine(newSlugDir, "chats"));
        if (!claimed)
        {
            var marker = Encoding.UTF8.GetBytes(GeminiSlugs.RegistryKey(newDir));
            changes.WriteFile(Path.Combine(newSlugDir, GeminiProjectMap.Marker), s => s.Write(marker));
        }
        foreach (var chat in chats)
            Move(changes, chat, Path.Combine(newSlugDir, "chats", Path.GetFileName(chat)));
        foreach (var folder in new[] { Path.Combine(oldSlugDir, "chats", session.Id), Path.Combine(oldSlugDir, session.Id) })
            if (Directory.Exists(folder)) Move(changes, folder, Path.Combine(newSlugDir, Path.GetRelativePath(oldSlugDir, folder)));
        return changes;
    }

    private static void Move(ChangeSet changes, string from, string to)
    {
        if (File.Exists(to) || Directory.Exists(to))
            throw new SameSessionException(ErrorIds.DestinationExists, $"{to} already exists; Gemini's destination project already has this session.", to);
        changes.Move(from, to);
    }
}
