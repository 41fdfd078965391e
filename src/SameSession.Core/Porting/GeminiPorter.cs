using System.Text;
using System.Text.Json.Nodes;
using SameSession.Core.Capsules;
using SameSession.Core.Errors;
using SameSession.Core.Operations;
using SameSession.Core.Operations.Export;
using SameSession.Core.Providers;
using SameSession.Core.Providers.Common;
using SameSession.Core.Providers.Gemini;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Sessions;

namespace SameSession.Core.Porting;

/// <summary>
/// Gemini CLI: the main chat (<c>tmp/&lt;slug&gt;/chats/session-…-&lt;id8&gt;.jsonl</c>, and a legacy <c>.json</c> of the same
/// session), its subagent chats (<c>chats/&lt;id&gt;/</c>) and its sidecar folder (<c>tmp/&lt;slug&gt;/&lt;id&gt;/</c>: plans,
/// tasks). Installed into the project folder Gemini uses for the target directory (registry entry and
/// <c>.project_root</c> marker added when missing), since Gemini only looks for sessions there. Never settings.json,
/// oauth_creds.json, google_accounts.json, logs.json or the shell history.
/// </summary>
public sealed class GeminiPorter : NativePorter
{
    public override AgentProvider Provider => AgentProvider.Gemini;

    public override string ProviderHome(AgentEnvironment environment) => AgentHomes.Resolve(AgentProvider.Gemini, environment);

    public override string NewNativeId() => Guid.NewGuid().ToString();

    public override CollectedSession Collect(AgentSession session, AgentEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(session);
        var home = session.Home ?? ProviderHome(environment);
        var chats = session.Files.Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "chats" && File.Exists(f)).Order(StringComparer.Ordinal).ToList();
        if (chats.Count == 0)
            throw new SameSessionException(ErrorIds.UnsupportedFormat,
                $"Gemini session {session.Id} is not a main chat under tmp/<project>/chats (subagent chats travel with their parent); export the parent session.", session.Key);
        var slugDir = Path.GetDirectoryName(Path.GetDirectoryName(chats[0]))!;
        var files = chats.Select(f => CollectedFiles.Entry(home, f, "chat")).ToList();
        files.AddRange(CollectedFiles.Tree(home, Path.Combine(slugDir, "chats", session.Id), "subagent-chats"));
        files.AddRange(CollectedFiles.Tree(home, Path.Combine(slugDir, session.Id), "session-folder"));
        return new CollectedSession(home, files, [], session.ProviderVersion, ImportedFrom(Provider, session.Id, environment));
    }

    protected override InstallPlan Plan(StagedCapsule staged, InstallContext context)
    {
        ArgumentNullException.ThrowIfNull(staged);
        ArgumentNullException.ThrowIfNull(context);
        var home = context.ProviderHome;
        var tmp = Path.Combine(home, "tmp");
        var natives = staged.Manifest.Files
            .Select(f => (Entry: f.Path, Rel: CapsulePaths.RelativeToProviderHome(f.Path)))
            .Where(x => x.Rel is not null && x.Rel.StartsWith("tmp/", StringComparison.Ordinal) && x.Rel.Count(c => c == '/') >= 2)
            .ToList();
        if (!natives.Any(x => IsMainChat(x.Rel!)))
            throw new SameSessionException(ErrorIds.CapsuleCorrupt, $"The capsule holds no main chat for Gemini session {context.SourceId}.", context.SourceId);

        var registryFile = GeminiProjectMap.RegistryPath(home);
        var registry = GeminiRegistryFile.Read(registryFile);
        var (slug, registered, claimed) = GeminiSlugs.For(context.TargetCwd, GeminiRegistryFile.Entries(registry), tmp);
        var slugDir = Path.Combine(tmp, slug);
        var changes = new ChangeSet($"Import Gemini session {context.Id} into {context.TargetCwd} ({slug})");
        if (!registered)
        {
            ((JsonObject)registry["projects"]!)[GeminiSlugs.RegistryKey(context.TargetCwd)] = slug;
            var bytes = JsonFileText.Bytes(registry, trailingNewline: false);
            changes.WriteFile(registryFile, s => s.Write(bytes));
        }
        changes.CreateDirectories(Path.Combine(slugDir, "chats"));
        if (!claimed)
        {
            var marker = Encoding.UTF8.GetBytes(GeminiSlugs.RegistryKey(context.TargetCwd));
            changes.WriteFile(Path.Combine(slugDir, GeminiProjectMap.Marker), s => s.Write(marker));
        }

        var written = new List<string>();
        foreach (var (entry, rel) in natives)
        {
            var insideSlug = rel![(rel!.IndexOf('/', "tmp/".Length) + 1)..];
            var target = Path.Combine(slugDir, Renamed(insideSlug, context).Replace('/', Path.DirectorySeparatorChar));
            changes.CreateDirectories(Path.GetDirectoryName(target)!);
            changes.WriteFile(target, StagedContent.Copy(staged.PathOf(entry), context));
            written.Add(target);
        }

        var present = written.Where(File.Exists).ToList();
        // The same session in another project folder (an earlier import elsewhere) would be a duplicate: the update replaces it.
        foreach (var other in CopiesElsewhere(context.Environment, tmp, slugDir, context.Id))
        {
            present.Add(other);
            changes.Delete(other);
        }
        var chatFiles = written.Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "chats").ToList();
        var session = new AgentSession
        {
            Provider = Provider, Id = context.Id, Title = staged.Manifest.Session.Title, Directory = context.TargetCwd,
            Home = home, Files = chatFiles, ProviderVersion = staged.Manifest.Provider.Version,
        };
        return new InstallPlan(session, changes, present) { BackupName = f => Path.GetRelativePath(home, f) };
    }

    private static bool IsMainChat(string rel)
    {
        var parts = rel.Split('/');
        return parts.Length == 4 && parts[2] == "chats" && parts[3].StartsWith("session-", StringComparison.Ordinal);
    }

    /// <summary>Under a fork, the id in folder names and the id's first 8 characters in the chat file name follow the new id.</summary>
    private static string Renamed(string insideSlug, InstallContext context)
    {
        var renamed = context.Renamed(insideSlug);
        if (!context.Forked || context.SourceId.Length < 8 || context.Id.Length < 8) return renamed;
        var from = "-" + context.SourceId[..8] + ".";
        var at = renamed.LastIndexOf(from, StringComparison.Ordinal);
        return at < 0 || !renamed.StartsWith("chats/session-", StringComparison.Ordinal) || renamed.IndexOf('/', "chats/".Length) >= 0
            ? renamed
            : string.Concat(renamed.AsSpan(0, at + 1), context.Id.AsSpan(0, 8), renamed.AsSpan(at + 9));
    }

    /// <summary>Main chats of this session id in other project folders (file name carries the id's first 8 characters; the first line confirms).</summary>
    private static List<string> CopiesElsewhere(AgentEnvironment environment, string tmp, string slugDir, string id)
    {
        if (!Directory.Exists(tmp) || id.Length < 8) return [];
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories(tmp))
        {
            if (string.Equals(Path.GetFullPath(dir), Path.GetFullPath(slugDir), PathText.Comparison)) continue;
            var chats = Path.Combine(dir, "chats");
            if (!Directory.Exists(chats)) continue;
            foreach (var f in Directory.EnumerateFiles(chats, $"session-*-{id[..8]}.*"))
                if (GeminiChat.Read(f, new DiscoveryContext(environment, new RecordingObserver()))?.SessionId == id) found.Add(f);
        }
        return found;
    }

}
