using SameSession.Core.Errors;
using SameSession.Core.Operations;
using SameSession.Core.Providers;
using SameSession.Core.Providers.ClaudeCode;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Sessions;

namespace SameSession.Core.Relocation.Rebind.ClaudeCode;

/// <summary>
/// Moves a Claude Code session (formats doc §1.8): the transcript, its <c>&lt;id&gt;/</c> folder and old flat
/// subagent files go to the destination's project folder with every cwd rewritten; <c>history.jsonl</c> entries of
/// the session get the new project; <c>~/.claude.json</c> gets the project entry for the new directory.
/// </summary>
public sealed class ClaudeCodeRebinder : IRebinder
{
    public AgentProvider Kind => AgentProvider.ClaudeCode;

    public bool IsLiveNow(AgentSession session, AgentEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(session);
        var home = session.Home ?? AgentHomes.Resolve(AgentProvider.ClaudeCode, environment);
        return ClaudeLiveRegistry.LiveSessionIds(home, new DiscoveryContext(environment, new RecordingObserver())).Contains(session.Id);
    }

    public RebindPlan Plan(AgentSession session, RebindRequest request)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        var (oldDir, newDir) = RebinderRegistry.Directories(session, request);
        var home = session.Home ?? AgentHomes.Resolve(AgentProvider.ClaudeCode, request.Environment);
        var transcript = session.Files.FirstOrDefault(f => Path.GetFileName(f) == session.Id + ".jsonl" && File.Exists(f))
            ?? FindTranscript(home, session.Id)
            ?? throw new SameSessionException(ErrorIds.SessionNotFound, $"The transcript of Claude Code session {session.Id} is no longer under {home}/projects.", session.Key);
        var oldFolder = Path.GetDirectoryName(transcript)!;
        var newFolder = Path.Combine(home, "projects", ClaudeProjectFolder.Name(newDir));
        var sameFolder = string.Equals(Path.GetFullPath(oldFolder), Path.GetFullPath(newFolder), StringComparison.Ordinal);
        if (!sameFolder && File.Exists(Path.Combine(newFolder, session.Id + ".jsonl")))
            throw new SameSessionException(ErrorIds.DestinationExists,
                $"{Path.Combine(newFolder, session.Id + ".jsonl")} already exists: a session with this id is already in {newDir}. Remove one copy first.", session.Key);

        // Absolute paths into the session's own folder (persisted tool outputs) follow the folder.
        var local = PathStyles.Current;
        var map = sameFolder ? request.Map : request.Map.With([new PathMapping(Path.Combine(oldFolder, session.Id), local, Path.Combine(newFolder, session.Id), local)]);
        var rule = ClaudeRewriteRules.Transcript(request.RewriteContent);
        var changes = new ChangeSet($"Move Claude Code session {session.Id} from {oldDir} to {newDir}");

        var files = SessionFiles(transcript, session).ToList();
        foreach (var file in files)
        {
            var target = Path.Combine(newFolder, Path.GetRelativePath(oldFolder, file));
            if (!sameFolder) changes.CreateDirectories(Path.GetDirectoryName(target)!);
            if (file.EndsWith(".jsonl", StringComparison.Ordinal))
            {
                changes.WriteFile(target, JsonlContent.Rewritten(file, map, rule));
                if (!sameFolder) changes.Delete(file);
            }
            else if (!sameFolder) changes.Move(file, target);
        }
        if (!sameFolder)
        {
            var sessionFolder = Path.Combine(oldFolder, session.Id);
            if (Directory.Exists(sessionFolder))
            {
                foreach (var d in Directory.EnumerateDirectories(sessionFolder, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
                    changes.RemoveDirectoryIfEmpty(d);
                changes.RemoveDirectoryIfEmpty(sessionFolder);
            }
            FollowProjectMemory(changes, oldFolder, newFolder, files);
            changes.RemoveDirectoryIfEmpty(oldFolder);
        }

        var history = Path.Combine(home, "history.jsonl");
        if (ClaudeHistoryEdit.HasLines(request.Facts, history, session.Id))
            changes.WriteSharedFile(history, new ClaudeHistoryEdit(history, session.Id, request.Map));

        var config = ConfigPath(home, request.Environment);
        if (ClaudeConfigEdit.HasEntry(request.Facts, config, oldDir))
            changes.WriteSharedFile(config, new ClaudeConfigEdit(config, oldDir, newDir));
        return new RebindPlan(session, oldDir, newDir, changes);
    }

    /// <summary>With CLAUDE_CONFIG_DIR the global config is reported to live inside it; otherwise ~/.claude.json.</summary>
    private static string ConfigPath(string home, AgentEnvironment env)
    {
        var inside = Path.Combine(home, ".claude.json");
        return File.Exists(inside) ? inside : Path.Combine(env.Home, ".claude.json");
    }

    private static string? FindTranscript(string home, string id)
    {
        var projects = Path.Combine(home, "projects");
        if (!Directory.Exists(projects)) return null;
        return Directory.EnumerateDirectories(projects).Select(d => Path.Combine(d, id + ".jsonl")).FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Claude Code keeps the project's memory in <c>&lt;project folder&gt;/memory/</c> (created with the first session). When
    /// the last session leaves the folder the project itself moved, so its memory goes along (unless the destination
    /// already has memory of its own); while other sessions remain it stays with them. Several sessions leaving in one
    /// batch each see the others still there: <see cref="AfterBatch"/> moves the memory once they have all gone.
    /// </summary>
    private static void FollowProjectMemory(ChangeSet changes, string oldFolder, string newFolder, List<string> moving)
    {
        var memory = Path.Combine(oldFolder, "memory");
        if (!Directory.Exists(memory)) return;
        if (Directory.EnumerateFiles(oldFolder, "*.jsonl").Any(f => !moving.Contains(f, StringComparer.Ordinal))) return;
        var newMemory = Path.Combine(newFolder, "memory");
        var memoryFiles = Directory.EnumerateFiles(memory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (memoryFiles.Count > 0 && Directory.Exists(newMemory) && Directory.EnumerateFileSystemEntries(newMemory).Any()) return;
        foreach (var file in memoryFiles)
        {
            var target = Path.Combine(newMemory, Path.GetRelativePath(memory, file));
            changes.CreateDirectories(Path.GetDirectoryName(target)!).Move(file, target);
        }
        foreach (var d in Directory.EnumerateDirectories(memory, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
            changes.RemoveDirectoryIfEmpty(d);
        changes.RemoveDirectoryIfEmpty(memory);
    }

    /// <summary>Project memory left in folders the committed moves emptied goes where those sessions went (only when they all went to one folder).</summary>
    public ChangeSet? AfterBatch(IReadOnlyList<RebindPlan> committed, AgentEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(committed);
        var changes = new ChangeSet("Move Claude Code project memory after its sessions");
        var byOldFolder = committed
            .Where(p => p.Session.Home is not null && p.Session.Files.Count > 0)
            .GroupBy(p => Path.GetDirectoryName(p.Session.Files[0])!, StringComparer.Ordinal);
        foreach (var moved in byOldFolder)
        {
            var oldFolder = moved.Key;
            var newFolders = moved.Select(p => Path.Combine(p.Session.Home!, "projects", ClaudeProjectFolder.Name(p.NewDirectory))).Distinct(StringComparer.Ordinal).ToList();
            if (newFolders.Count != 1 || !Directory.Exists(Path.Combine(oldFolder, "memory"))) continue;
            FollowProjectMemory(changes, oldFolder, newFolders[0], moving: []);
            changes.RemoveDirectoryIfEmpty(oldFolder);
        }
        return changes.Steps.Any(s => s.Kind != StepKind.RemoveDirectoryIfEmpty) ? changes : null;
    }

    /// <summary>The transcript, everything in its <c>&lt;id&gt;/</c> folder now, and old flat subagents discovery listed.</summary>
    private static IEnumerable<string> SessionFiles(string transcript, AgentSession session)
    {
        var folder = Path.GetDirectoryName(transcript)!;
        var own = Path.Combine(folder, session.Id);
        var files = new List<string> { transcript };
        if (Directory.Exists(own))
            files.AddRange(Directory.EnumerateFiles(own, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(StepActions.NewSuffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        files.AddRange(session.Files.Where(f => Path.GetDirectoryName(f) == folder && Path.GetFileName(f).StartsWith("agent-", StringComparison.Ordinal) && File.Exists(f)));
        return files.Distinct(StringComparer.Ordinal);
    }
}
