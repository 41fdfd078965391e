using SameSession.Core.Capsules;
using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Errors;
using SameSession.Core.Operations.Export;
using SameSession.Core.Operations.Import;
using SameSession.Core.Relocation;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Relocation.Rebind;
using SameSession.Core.Sessions;

namespace SameSession.Core.Porting;

/// <summary>
/// The shared half of every provider's export/import: the provider says which files and rows make a session and how
/// they land at the destination (<see cref="Plan"/>); this class decides between no-op, install, update-with-backup and
/// refusal, and applies the plan through the crash-safe journal so the install is all-or-nothing.
/// </summary>
public abstract class NativePorter : ISessionCollector, ISessionInstaller
{
    public abstract AgentProvider Provider { get; }

    public abstract CollectedSession Collect(AgentSession session, AgentEnvironment environment);

    /// <summary>The agent's data home at the destination (staging goes inside it, so installs stay on one file system).</summary>
    public abstract string ProviderHome(AgentEnvironment environment);

    /// <summary>A fresh native id in the agent's own shape (for -NewId).</summary>
    public abstract string NewNativeId();

    /// <summary>The journal changes that install the staged session, and what of it is already present.</summary>
    protected abstract InstallPlan Plan(StagedCapsule staged, InstallContext context);

    public string StagingParent(AgentEnvironment environment) => ProviderHome(environment);

    public ImportedSession Install(StagedCapsule staged, ImportTarget target)
    {
        ArgumentNullException.ThrowIfNull(staged);
        ArgumentNullException.ThrowIfNull(target);
        var manifest = staged.Manifest;
        var env = target.Environment;
        var id = target.NewId ?? manifest.Session.NativeId;
        var context = new InstallContext(manifest, target.Cwd, id, env, ProviderHome(env), MapFor(manifest, target.Cwd, ProviderHome(env)));
        var plan = Plan(staged, context);
        var state = PortingState.For(env);
        var content = PortingState.ContentHash(manifest);
        string? backup = null;

        if (plan.Present.Count > 0 || plan.RowsPresent)
        {
            // The same content again is a no-op, unless -Force asks to put it somewhere else (the plan then removes the copy elsewhere).
            var relocating = target.Force && plan.Changes.Steps.Any(s => s.Kind == StepKind.Delete);
            if (target.NewId is null && !relocating && state.LastImport(Provider, id) is { } last && PortingState.ContentHash(last) == content)
                return new ImportedSession(plan.Session, Changed: false);
            var localLast = plan.ChangedAt ?? plan.Present.Select(File.GetLastWriteTimeUtc).DefaultIfEmpty(DateTime.MinValue).Max();
            if (!target.Force && localLast > manifest.Created.UtcDateTime)
                throw new SameSessionException(ErrorIds.DestinationExists,
                    $"{AgentSession.FormatKey(Provider, id)} is already here and was changed at {localLast:u}, after this capsule was made ({manifest.Created.UtcDateTime:u}); " +
                    "import a newer export, or use -Force (--force) to replace it (a backup is kept).", id);
            if (!target.Force && IsLive(plan.Session, env))
                throw new SameSessionException(ErrorIds.SessionLocked, $"{plan.Session.Key} is open in a running agent; close it, or use -Force.", plan.Session.Key);
            backup = Backup(state, id, plan);
        }

        var note = AddWorkspace(staged, target.Cwd, plan.Changes);
        var journal = JournalStore.For(env);
        JournalRecovery.RecoverAll(journal);
        new JournalTransaction(journal, target.FailureInjector).Apply(plan.Changes);
        state.RecordImport(Provider, id, manifest with { ImportedFrom = [.. manifest.ImportedFrom, target.Provenance] });
        return new ImportedSession(plan.Session, Changed: true, backup, note);
    }

    /// <summary>
    /// The capsule's source/ snapshot goes into the session's directory when that is missing or empty (in the same
    /// transaction); a directory that already has files is left alone, and the returned note says so.
    /// </summary>
    private static string? AddWorkspace(StagedCapsule staged, string cwd, ChangeSet changes)
    {
        var files = staged.Manifest.Files.Where(f => f.Path.StartsWith(CapsulePaths.SourcePrefix, StringComparison.Ordinal)).ToList();
        if (files.Count == 0) return null;
        if (Directory.Exists(cwd) && Directory.EnumerateFileSystemEntries(cwd).Any())
            return $"The capsule's workspace snapshot ({files.Count} files) was not unpacked: {cwd} already has files. Import with -Destination pointing at an empty folder to get it.";
        foreach (var f in files)
        {
            var target = Path.Combine(cwd, f.Path[CapsulePaths.SourcePrefix.Length..].Replace('/', Path.DirectorySeparatorChar));
            changes.CreateDirectories(Path.GetDirectoryName(target)!);
            var source = staged.PathOf(f.Path);
            changes.WriteFile(target, output =>
            {
                using var input = File.OpenRead(source);
                input.CopyTo(output);
            });
        }
        return null;
    }

    /// <summary>Provenance kept by an earlier import of this session here, for the next export's manifest.</summary>
    protected static IReadOnlyList<Provenance>? ImportedFrom(AgentProvider provider, string id, AgentEnvironment environment) =>
        PortingState.For(environment).LastImport(provider, id)?.ImportedFrom;

    private bool IsLive(AgentSession session, AgentEnvironment env)
    {
        var rebinder = RebinderRegistry.All.FirstOrDefault(r => r.Kind == Provider);
        return rebinder is not null && rebinder.IsLiveNow(session, env);
    }

    /// <summary>Copies every present file (keeping its path under the provider home) and the present rows into a new backup folder.</summary>
    private string Backup(PortingState state, string id, InstallPlan plan)
    {
        var folder = state.NewBackupFolder(Provider, id, DateTimeOffset.UtcNow);
        foreach (var file in plan.Present)
        {
            var target = Path.Combine(folder, "native", plan.BackupName(file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
        plan.BackupRows?.Invoke(Path.Combine(folder, "db"));
        return folder;
    }

    /// <summary>The source cwd → the target cwd, and the source agent home → this agent home (absolute paths into the store).</summary>
    private static PathMap MapFor(CapsuleManifest manifest, string targetCwd, string providerHome)
    {
        var map = PathMap.Of(manifest.Source.Cwd, targetCwd);
        if (manifest.Source.ProviderHome is { } sourceHome && !map.Matches(sourceHome)) map.Add(sourceHome, providerHome);
        return map;
    }
}

/// <param name="Map">Source cwd → target cwd and source agent home → destination agent home.</param>
public sealed record InstallContext(CapsuleManifest Manifest, string TargetCwd, string Id, AgentEnvironment Environment, string ProviderHome, PathMap Map)
{
    public string SourceId => Manifest.Session.NativeId;

    public bool Forked => Id != SourceId;

    /// <summary>A name or relative path with the source id replaced by the installed id.</summary>
    public string Renamed(string text) => Forked ? text.Replace(SourceId, Id, StringComparison.Ordinal) : text;
}

/// <param name="Present">Files of this session already at the destination (backed up before an update; their last write decides older/newer).</param>
/// <param name="RowsPresent">The session's database rows are already at the destination.</param>
/// <param name="BackupRows">Writes the present rows as JSONL into the given folder.</param>
public sealed record InstallPlan(AgentSession Session, ChangeSet Changes, IReadOnlyList<string> Present, bool RowsPresent = false, Action<string>? BackupRows = null)
{
    /// <summary>Where a present file goes inside the backup folder (its path under the provider home).</summary>
    public Func<string, string> BackupName { get; init; } = Path.GetFileName!;

    /// <summary>When the present copy last changed, for agents whose files do not tell (database rows); default: the newest present file.</summary>
    public DateTime? ChangedAt { get; init; }
}
