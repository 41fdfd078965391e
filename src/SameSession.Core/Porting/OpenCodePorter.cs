using System.Text.Json.Nodes;
using SameSession.Core.Capsules;
using SameSession.Core.Errors;
using SameSession.Core.Operations.Export;
using SameSession.Core.Providers;
using SameSession.Core.Providers.OpenCode;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Sessions;

namespace SameSession.Core.Porting;

/// <summary>
/// opencode (1.2+): the session's rows of opencode.db — session, message, part, todo (and the 2.x session_* tables
/// when present) — exported as JSON through SQLite, never the database file. Installed into this user's opencode.db
/// with the directory, path and project id of the target directory (the project row created if opencode has none),
/// messages' path.cwd/root rebound. Never opencode.json, session_share (its secret) or permissions.
/// </summary>
public sealed class OpenCodePorter : NativePorter
{
    public const string Database = "opencode.db";

    /// <summary>Tables keyed by session, the session row first (children are deleted before and inserted after it).</summary>
    private static readonly string[] ChildTables = ["message", "part", "todo", "session_message", "session_input", "session_context_epoch"];

    public override AgentProvider Provider => AgentProvider.OpenCode;

    public override string ProviderHome(AgentEnvironment environment) => AgentHomes.Resolve(AgentProvider.OpenCode, environment);

    public override string NewNativeId() => OpenCodeIds.NewSessionId();

    public override CollectedSession Collect(AgentSession session, AgentEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(session);
        var db = session.Files.FirstOrDefault(f => f.EndsWith(".db", StringComparison.OrdinalIgnoreCase))
            ?? throw new SameSessionException(ErrorIds.UnsupportedFormat,
                $"Session {session.Id} is in opencode's legacy JSON storage; run opencode 1.2 or later once so it moves it into opencode.db, then export it.", session.Key);
        var rows = new List<CollectedRows>();
        foreach (var (table, column) in Tables(db))
        {
            var (jsonl, count) = SqliteRows.Export(db, table, $"\"{column}\" = $id", new() { ["$id"] = session.Id });
            if (count > 0) rows.Add(new CollectedRows(Database, table, count, () => new MemoryStream(jsonl, writable: false)));
        }
        if (rows.Count == 0 || rows[0].Table != "session")
            throw new SameSessionException(ErrorIds.SessionNotFound, $"Session {session.Id} is not in {db}; run Get-AgentSession again.", session.Key);
        return new CollectedSession(session.Home ?? ProviderHome(environment), [], rows, session.ProviderVersion, ImportedFrom(Provider, session.Id, environment));
    }

    protected override InstallPlan Plan(StagedCapsule staged, InstallContext context)
    {
        ArgumentNullException.ThrowIfNull(staged);
        ArgumentNullException.ThrowIfNull(context);
        var db = Path.Combine(context.ProviderHome, Database);
        if (!File.Exists(db))
            throw new SameSessionException(ErrorIds.PathNotFound, $"{db} does not exist; run opencode once on this machine so it creates its database, then import again.", db);
        var project = OpenCodeProjectIdentity.Resolve(context.TargetCwd);
        var ids = new OpenCodeIds(context);
        var statements = new List<SqlStatement>();
        var present = SqliteRows.Export(db, "session", "id = $id", new() { ["$id"] = context.Id });

        var projectColumns = SqliteRows.Columns(db, "project");
        if (SqliteRows.Export(db, "project", "id = $id", new() { ["$id"] = project.Id }).Count == 0)
            statements.Add(SqliteRows.Upsert("project", new JsonObject
            {
                ["id"] = project.Id, ["worktree"] = project.Worktree, ["vcs"] = project.IsGlobal ? null : "git",
                ["time_created"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ["time_updated"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ["sandboxes"] = "[]",
            }, projectColumns));
        foreach (var (table, column) in Tables(db).Skip(1))
            statements.Add(new SqlStatement($"DELETE FROM \"{table}\" WHERE \"{column}\" = $id", new() { ["$id"] = context.Id }));

        SqlProbe? probe = null;
        foreach (var set in staged.Manifest.DbRows.Where(r => r.Database == Database).OrderBy(r => r.Table == "session" ? 0 : 1))
        {
            var columns = SqliteRows.Columns(db, set.Table);
            if (columns.Count == 0) continue; // a table this opencode does not have
            foreach (var row in SqliteRows.Parse(staged.PathOf(set.Path)))
            {
                ids.Rewrite(row);
                if (set.Table == "session") Rebind(row, context, project);
                if (set.Table == "message") RebindMessage(row, context, project);
                statements.Add(SqliteRows.Upsert(set.Table, row, columns));
                if (set.Table == "session") probe ??= SqliteRows.Present(set.Table, row, columns);
            }
        }
        if (probe is null) throw new SameSessionException(ErrorIds.CapsuleCorrupt, $"The capsule holds no session row for opencode session {context.SourceId}.", context.SourceId);
        var changes = new ChangeSet($"Import opencode session {context.Id} into {context.TargetCwd} (project {project.Id})").Sql(db, statements, probe);
        var session = new AgentSession
        {
            Provider = Provider, Id = context.Id, Title = staged.Manifest.Session.Title, Directory = context.TargetCwd,
            ProjectId = project.Id, Home = context.ProviderHome, Files = [db], ProviderVersion = staged.Manifest.Provider.Version,
        };
        return new InstallPlan(session, changes, [], present.Count > 0, folder => BackupRows(db, context.Id, folder))
        {
            ChangedAt = present.Count > 0 ? UpdatedAt(present.JsonLines) : null,
        };
    }

    private static void Rebind(JsonObject row, InstallContext context, OpenCodeProjectIdentity project)
    {
        row["project_id"] = project.Id;
        row["directory"] = context.TargetCwd;
        row["workspace_id"] = null; // a workspace is the source machine's
        if (row.ContainsKey("path")) row["path"] = OpenCodeRebinder.RelativePath(project.Worktree, context.TargetCwd, SqliteRows.Text(row, "path"));
    }

    private static void RebindMessage(JsonObject row, InstallContext context, OpenCodeProjectIdentity project)
    {
        if (SqliteRows.Text(row, "data") is not { } text || JsonNode.Parse(text) is not JsonObject data || data["path"] is not JsonObject path) return;
        if (path["cwd"] is JsonValue cwd && cwd.TryGetValue<string>(out var c)) path["cwd"] = context.Map.Map(c);
        if (path.ContainsKey("root")) path["root"] = project.Worktree;
        row["data"] = data.ToJsonString();
    }

    private static DateTime UpdatedAt(byte[] sessionRow)
    {
        var row = JsonNode.Parse(sessionRow) as JsonObject;
        return row?["time_updated"] is JsonValue v && v.TryGetValue<long>(out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime : DateTime.MaxValue;
    }

    private static void BackupRows(string db, string id, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var (table, column) in Tables(db))
            File.WriteAllBytes(Path.Combine(folder, $"{Database}.{table}.jsonl"), SqliteRows.Export(db, table, $"\"{column}\" = $id", new() { ["$id"] = id }).JsonLines);
    }

    /// <summary>The session table (by id) and every present child table (by session_id).</summary>
    private static List<(string Table, string Column)> Tables(string db) =>
        [("session", "id"), .. ChildTables.Where(t => SqliteRows.Columns(db, t).Contains("session_id")).Select(t => (t, "session_id"))];
}
