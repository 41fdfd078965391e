using SameSession.Core.Capsules;
using SameSession.Core.Errors;
using SameSession.Core.Operations.Export;
using SameSession.Core.Providers;
using SameSession.Core.Providers.Codex;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Relocation.Rebind.Codex;
using SameSession.Core.Sessions;

namespace SameSession.Core.Porting;

/// <summary>
/// Codex: the rollout (<c>sessions/YYYY/MM/DD/rollout-…-&lt;id&gt;.jsonl</c>), its <c>shell_snapshots/&lt;id&gt;*</c>, and
/// the <c>threads</c> row of <c>state_5.sqlite</c> read through SQLite. Installed at the same place under this Codex
/// home with every cwd rebound and the row's cwd and absolute rollout_path made true here. Never auth.json,
/// config.toml, installation_id or logs_*.sqlite.
/// </summary>
public sealed class CodexPorter : NativePorter
{
    private const string Threads = "threads";
    private static readonly string[] RolloutFolders = ["sessions", "archived_sessions"];

    public override AgentProvider Provider => AgentProvider.Codex;

    public override string ProviderHome(AgentEnvironment environment) => AgentHomes.Resolve(AgentProvider.Codex, environment);

    /// <summary>Codex thread ids are UUIDv7: 48-bit Unix milliseconds, version 7, variant 10, random rest.</summary>
    public override string NewNativeId()
    {
        var bytes = Guid.NewGuid().ToByteArray(); // only for randomness
        var ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var hex = ms.ToString("x12", System.Globalization.CultureInfo.InvariantCulture);
        var rand = Convert.ToHexString(bytes).ToLowerInvariant();
        var variant = "89ab"[bytes[0] & 3];
        return $"{hex[..8]}-{hex[8..12]}-7{rand[..3]}-{variant}{rand[3..6]}-{rand[6..18]}";
    }

    private static string SqliteHome(AgentEnvironment env) =>
        env.Get("CODEX_SQLITE_HOME") is { } sh ? env.ExpandHome(sh) : AgentHomes.Resolve(AgentProvider.Codex, env);

    public override CollectedSession Collect(AgentSession session, AgentEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(environment);
        var home = session.Home ?? ProviderHome(environment);
        var rollout = session.Files.FirstOrDefault(f => Path.GetFileName(f).StartsWith("rollout-", StringComparison.Ordinal))
            ?? throw new SameSessionException(ErrorIds.SessionNotFound, $"Codex session {session.Id} lists no rollout file; run Get-AgentSession again.", session.Key);
        if (rollout.EndsWith(".zst", StringComparison.Ordinal))
            throw new SameSessionException(ErrorIds.UnsupportedFormat, $"{rollout} is zstd-compressed; resume it once with Codex (which decompresses it), then export it.", rollout);
        if (!File.Exists(rollout)) throw new SameSessionException(ErrorIds.SessionNotFound, $"{rollout} no longer exists; run Get-AgentSession again.", rollout);

        var files = new List<CollectedFile> { new(rollout, Relative(home, rollout), "rollout") };
        var snapshots = Path.Combine(home, "shell_snapshots");
        if (Directory.Exists(snapshots))
            files.AddRange(Directory.EnumerateFiles(snapshots, session.Id + "*").Order(StringComparer.Ordinal).Select(f => new CollectedFile(f, Relative(home, f), "shell-snapshot")));

        var rows = new List<CollectedRows>();
        if (CodexStateDb.Locate(SqliteHome(environment)) is { } db && SqliteRows.Columns(db, Threads).Contains("id"))
        {
            var (jsonl, count) = SqliteRows.Export(db, Threads, "id = $id", new() { ["$id"] = session.Id });
            if (count > 0) rows.Add(new CollectedRows(Path.GetFileName(db), Threads, count, () => new MemoryStream(jsonl, writable: false)));
        }
        return new CollectedSession(home, files, rows, session.ProviderVersion, ImportedFrom(Provider, session.Id, environment));
    }

    protected override InstallPlan Plan(StagedCapsule staged, InstallContext context)
    {
        ArgumentNullException.ThrowIfNull(staged);
        ArgumentNullException.ThrowIfNull(context);
        var home = context.ProviderHome;
        var changes = new ChangeSet($"Import Codex session {context.Id} into {context.TargetCwd}");
        string? rollout = null;
        var written = new List<string>();
        foreach (var f in staged.Manifest.Files)
        {
            if (CapsulePaths.RelativeToProviderHome(f.Path) is not { } rel) continue;
            var target = Path.Combine(home, context.Renamed(rel).Replace('/', Path.DirectorySeparatorChar));
            changes.CreateDirectories(Path.GetDirectoryName(target)!);
            var isRollout = Path.GetFileName(rel).StartsWith("rollout-", StringComparison.Ordinal);
            changes.WriteFile(target, isRollout
                ? StagedContent.Jsonl(staged.PathOf(f.Path), context.Map, CodexRewriteRules.Rollout(false), context)
                : StagedContent.Copy(staged.PathOf(f.Path), context));
            if (isRollout) rollout = target;
            written.Add(target);
        }
        if (rollout is null) throw new SameSessionException(ErrorIds.CapsuleCorrupt, $"The capsule holds no rollout for Codex session {context.SourceId}.", context.SourceId);

        var present = written.Where(File.Exists).ToList();
        foreach (var other in OtherRollouts(home, context.Id, rollout))
        {
            present.Add(other);
            changes.Delete(other);
        }

        var db = CodexStateDb.Locate(SqliteHome(context.Environment));
        var rowsPresent = false;
        Action<string>? backupRows = null;
        var stagedRows = staged.Manifest.DbRows.FirstOrDefault(r => r.Table == Threads && r.Database.StartsWith("state_", StringComparison.Ordinal));
        // Without a state database yet, Codex builds it and indexes the rollout itself on its next start.
        if (db is not null && stagedRows is not null && SqliteRows.Columns(db, Threads) is { Count: > 0 } columns)
        {
            var rows = SqliteRows.Parse(staged.PathOf(stagedRows.Path));
            foreach (var row in rows)
            {
                row["id"] = context.Id;
                if (SqliteRows.Text(row, "cwd") is { } cwd) row["cwd"] = context.Map.Map(cwd);
                row["rollout_path"] = Path.GetFullPath(rollout);
            }
            if (rows.Count > 0)
                changes.Sql(db, rows.Select(r => SqliteRows.Upsert(Threads, r, columns)), SqliteRows.Present(Threads, rows[0], columns));
            var existing = SqliteRows.Export(db, Threads, "id = $id", new() { ["$id"] = context.Id });
            rowsPresent = existing.Count > 0;
            backupRows = folder =>
            {
                Directory.CreateDirectory(folder);
                File.WriteAllBytes(Path.Combine(folder, $"{Path.GetFileName(db)}.{Threads}.jsonl"), existing.JsonLines);
            };
        }
        var session = new AgentSession
        {
            Provider = Provider, Id = context.Id, Title = staged.Manifest.Session.Title, Directory = context.TargetCwd,
            Home = home, Files = db is null ? [rollout] : [rollout, db], ProviderVersion = staged.Manifest.Provider.Version,
        };
        return new InstallPlan(session, changes, present, rowsPresent, backupRows) { BackupName = f => Path.GetRelativePath(home, f) };
    }

    /// <summary>Rollouts of the same id elsewhere (another day folder, archived): an update replaces them.</summary>
    private static List<string> OtherRollouts(string home, string id, string rollout) =>
        RolloutFolders.Select(d => Path.Combine(home, d)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, $"rollout-*{id}.jsonl", SearchOption.AllDirectories))
            .Where(f => !string.Equals(Path.GetFullPath(f), Path.GetFullPath(rollout), StringComparison.Ordinal))
            .ToList();

    private static string Relative(string home, string path) => Path.GetRelativePath(home, path).Replace(Path.DirectorySeparatorChar, '/');
}
