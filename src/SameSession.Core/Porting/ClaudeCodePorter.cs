using SameSession.Core.Capsules;
using SameSession.Core.Errors;
using SameSession.Core.Operations.Export;
using SameSession.Core.Providers;
using SameSession.Core.Relocation;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Relocation.Rebind.ClaudeCode;
using SameSession.Core.Sessions;

namespace SameSession.Core.Porting;

/// <summary>
/// Claude Code: the transcript <c>projects/&lt;folder&gt;/&lt;id&gt;.jsonl</c>, its <c>&lt;id&gt;/</c> folder (subagents, tool
/// results), and the session-keyed <c>file-history/&lt;id&gt;/</c>, <c>tasks/&lt;id&gt;/</c>, <c>session-env/&lt;id&gt;/</c> and
/// <c>todos/&lt;id&gt;-*.json</c>. Installed under the project folder of the target directory with every cwd rebound.
/// Never settings, credentials, history.jsonl or ~/.claude.json.
/// </summary>
public sealed class ClaudeCodePorter : NativePorter
{
    public override AgentProvider Provider => AgentProvider.ClaudeCode;

    public override string ProviderHome(AgentEnvironment environment) => AgentHomes.Resolve(AgentProvider.ClaudeCode, environment);

    public override string NewNativeId() => Guid.NewGuid().ToString();

    public override CollectedSession Collect(AgentSession session, AgentEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(session);
        var home = session.Home ?? ProviderHome(environment);
        var transcript = session.Files.FirstOrDefault(f => Path.GetFileName(f) == session.Id + ".jsonl" && File.Exists(f))
            ?? FindTranscript(home, session.Id)
            ?? throw new SameSessionException(ErrorIds.SessionNotFound, $"The transcript of Claude Code session {session.Id} is not under {home}/projects; run Get-AgentSession again.", session.Key);
        var files = new List<CollectedFile> { CollectedFiles.Entry(home, transcript, "transcript") };
        var folder = Path.GetDirectoryName(transcript)!;
        files.AddRange(CollectedFiles.Tree(home, Path.Combine(folder, session.Id), "session-folder"));
        files.AddRange(CollectedFiles.Tree(home, Path.Combine(home, "file-history", session.Id), "file-history"));
        files.AddRange(CollectedFiles.Tree(home, Path.Combine(home, "tasks", session.Id), "tasks"));
        files.AddRange(CollectedFiles.Tree(home, Path.Combine(home, "session-env", session.Id), "session-env"));
        var todos = Path.Combine(home, "todos");
        if (Directory.Exists(todos))
            files.AddRange(Directory.EnumerateFiles(todos, session.Id + "*.json").Order(StringComparer.Ordinal).Select(f => CollectedFiles.Entry(home, f, "todos")));
        return new CollectedSession(home, files, [], session.ProviderVersion, ImportedFrom(Provider, session.Id, environment));
    }

    protected override InstallPlan Plan(StagedCapsule staged, InstallContext context)
    {
        ArgumentNullException.ThrowIfNull(staged);
        ArgumentNullException.ThrowIfNull(context);
        var home = context.ProviderHome;
        var natives = staged.Manifest.Files.Select(f => (Entry: f.Path, Rel: CapsulePaths.RelativeToProviderHome(f.Path))).Where(x => x.Rel is not null).ToList();
        var transcriptRel = natives.Select(x => x.Rel!).FirstOrDefault(r => r.StartsWith("projects/", StringComparison.Ordinal) && r.EndsWith("/" + context.SourceId + ".jsonl", StringComparison.Ordinal))
            ?? throw new SameSessionException(ErrorIds.CapsuleCorrupt, $"The capsule holds no transcript for Claude Code session {context.SourceId}.", context.SourceId);
        var sourceFolder = transcriptRel[..transcriptRel.LastIndexOf('/')];
        var destFolder = Path.Combine(home, "projects", ClaudeProjectFolder.Name(context.TargetCwd));

        // Persisted tool outputs are absolute paths into the session's own folder: they follow it.
        var map = context.Map;
        if (staged.Manifest.Source.ProviderHome is { } sourceHome)
        {
            var sep = staged.Manifest.Source.PathFlavor == "windows" ? "\\" : "/";
            map = map.With([new PathMapping(sourceHome + sep + sourceFolder.Replace("/", sep, StringComparison.Ordinal) + sep + context.SourceId,
                PathStyles.Infer(sourceHome), Path.Combine(destFolder, context.Id), PathStyles.Current)]);
        }

        var changes = new ChangeSet($"Import Claude Code session {context.Id} into {context.TargetCwd}");
        var written = new List<string>();
        foreach (var (entry, rel) in natives)
        {
            var target = rel!.StartsWith(sourceFolder + "/", StringComparison.Ordinal)
                ? Path.Combine(destFolder, Local(context.Renamed(rel[(sourceFolder.Length + 1)..])))
                : Path.Combine(home, Local(context.Renamed(rel)));
            changes.CreateDirectories(Path.GetDirectoryName(target)!);
            var source = staged.PathOf(entry);
            changes.WriteFile(target, target.EndsWith(".jsonl", StringComparison.Ordinal)
                ? StagedContent.Jsonl(source, map, ClaudeRewriteRules.Transcript(false), context)
                : StagedContent.Copy(source, context));
            written.Add(target);
        }

        var transcript = Path.Combine(destFolder, context.Id + ".jsonl");
        var present = written.Where(System.IO.File.Exists).ToList();
        // The same session in another project folder would be a duplicate id: the update replaces it.
        foreach (var other in Directory.Exists(Path.Combine(home, "projects"))
                     ? Directory.EnumerateDirectories(Path.Combine(home, "projects")).Select(d => Path.Combine(d, context.Id + ".jsonl")).Where(System.IO.File.Exists).Where(f => f != transcript).ToList()
                     : [])
        {
            present.Add(other);
            changes.Delete(other);
        }
        var session = new AgentSession
        {
            Provider = Provider, Id = context.Id, Title = staged.Manifest.Session.Title, Directory = context.TargetCwd,
            Home = home, Files = [transcript], ProviderVersion = staged.Manifest.Provider.Version,
        };
        return new InstallPlan(session, changes, present) { BackupName = f => Path.GetRelativePath(home, f) };
    }

    private static string Local(string relative) => relative.Replace('/', Path.DirectorySeparatorChar);

    private static string? FindTranscript(string home, string id)
    {
        var projects = Path.Combine(home, "projects");
        return Directory.Exists(projects) ? Directory.EnumerateDirectories(projects).Select(d => Path.Combine(d, id + ".jsonl")).FirstOrDefault(System.IO.File.Exists) : null;
    }
}
