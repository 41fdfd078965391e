using Microsoft.Data.Sqlite;
using SameSession.Core.Errors;
using SameSession.Core.Relocation;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Sessions;

namespace SameSession.Core.Providers.OpenCode;

/// <summary>
/// Plans rebinding an opencode session (with its subsessions) to the directory a path map gives it, as SQL for the
/// journal to run: session.directory/path/project_id (the project recomputed for the destination, its row created if
/// opencode has none), and the {cwd, root} path records of its assistant messages. Reads only; writes nothing.
/// </summary>
public sealed class OpenCodeRebinder : DiscoveringRebinder<OpenCodeProvider>
{
    protected override ChangeSet Changes(AgentSession session, PathMap map, string oldDir, string newDir)
    {
        var db = session.Files.FirstOrDefault(f => f.EndsWith(".db", StringComparison.OrdinalIgnoreCase))
            ?? throw new SameSessionException(ErrorIds.UnsupportedFormat,
                $"Session {session.Id} is in opencode's legacy JSON storage; run opencode 1.2 or later once so it moves it into opencode.db, then retry.", session.Key);
        var project = OpenCodeProjectIdentity.Resolve(newDir);

        using var c = new SqliteConnection(OpenCodeDatabaseReader.ConnectionString(db, 5));
        c.Open();
        var rows = SessionTree(c, session.Id);
        if (rows.Count == 0)
            throw new SameSessionException(ErrorIds.SessionNotFound, $"Session {session.Id} is not in {db} (opencode 2.x session_v2 rows are not rebound yet).", session.Key);
        var hasPath = Scalar(c, "select count(*) from pragma_table_info('session') where name = 'path'") > 0;
        var statements = new List<SqlStatement>();
        if (Scalar(c, "select count(*) from project where id = $p", ("$p", project.Id)) == 0)
            statements.Add(new("insert or ignore into project (id, worktree, vcs, time_created, time_updated, sandboxes) values ($id, $worktree, $vcs, $now, $now, '[]')",
                Args(("$id", project.Id), ("$worktree", project.Worktree), ("$vcs", project.IsGlobal ? null : "git"), ("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()))));
        else if (!project.IsGlobal && Text(c, "select worktree from project where id = $p", ("$p", project.Id)) is { } known
                 && known != project.Worktree && !Directory.Exists(known))
            // The repository itself moved: point the project at its new work tree, as opencode would on next start.
            statements.Add(new("update project set worktree = $worktree where id = $id and worktree = $old",
                Args(("$id", project.Id), ("$worktree", project.Worktree), ("$old", known))));
        foreach (var (id, directory, path) in rows)
        {
            var moved = map.Map(directory);
            var sql = hasPath
                ? "update session set directory = $dir, project_id = $project, path = $path where id = $id"
                : "update session set directory = $dir, project_id = $project where id = $id";
            statements.Add(new(sql, Args(("$id", id), ("$dir", moved), ("$project", project.Id), ("$path", RelativePath(project.Worktree, moved, path)))));
        }
        var ids = rows.Select(r => r.Id).ToList();
        var inList = string.Join(", ", ids.Select((_, i) => $"$s{i}"));
        var idArgs = ids.Select((id, i) => ($"$s{i}", (object?)id)).ToArray();
        foreach (var (cwd, root) in MessagePaths(c, inList, idArgs))
        {
            var newCwd = map.Map(cwd);
            if (newCwd == cwd && root == project.Worktree) continue;
            statements.Add(new(
                $"update message set data = json_set(data, '$.path.cwd', $cwd, '$.path.root', $root) where session_id in ({inList}) " +
                "and json_extract(data, '$.path.cwd') = $oldCwd and coalesce(json_extract(data, '$.path.root'), '') = $oldRoot",
                Args([("$cwd", newCwd), ("$root", project.Worktree), ("$oldCwd", cwd), ("$oldRoot", root), .. idArgs])));
        }
        var probe = new SqlProbe("select count(*) from session where id = $id and directory = $dir and project_id = $project",
            Args(("$id", session.Id), ("$dir", newDir), ("$project", project.Id)), 1);
        var changes = new ChangeSet($"Rebind opencode session {session.Id} from {oldDir} to {newDir} (project {project.Id})").Sql(db, statements, probe);
        return changes;
    }

    /// <summary>opencode records session.path relative to the project worktree ('/'-separated); null stays null.</summary>
    internal static string? RelativePath(string worktree, string directory, string? oldPath)
    {
        if (oldPath is null) return null;
        var rel = Path.GetRelativePath(worktree, directory).Replace('\\', '/');
        return rel == "." ? "" : rel;
    }

    private static List<(string Id, string Directory, string? Path)> SessionTree(SqliteConnection c, string id)
    {
        using var cmd = c.CreateCommand();
        var path = Scalar(c, "select count(*) from pragma_table_info('session') where name = 'path'") > 0 ? "s.path" : "null";
        cmd.CommandText = "with recursive tree(id) as (select $id union select s.id from session s join tree t on s.parent_id = t.id) " +
                          $"select s.id, s.directory, {path} from session s join tree t on s.id = t.id";
        cmd.Parameters.AddWithValue("$id", id);
        using var r = cmd.ExecuteReader();
        var rows = new List<(string, string, string?)>();
        while (r.Read()) rows.Add((r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)));
        return rows;
    }

    private static List<(string Cwd, string Root)> MessagePaths(SqliteConnection c, string inList, (string, object?)[] ids)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "select distinct json_extract(data, '$.path.cwd'), coalesce(json_extract(data, '$.path.root'), '') from message " +
                          $"where session_id in ({inList}) and json_extract(data, '$.path.cwd') is not null";
        foreach (var (k, v) in ids) cmd.Parameters.AddWithValue(k, v);
        using var r = cmd.ExecuteReader();
        var list = new List<(string, string)>();
        while (r.Read()) list.Add((r.GetString(0), r.GetString(1)));
        return list;
    }

    private static long Scalar(SqliteConnection c, string sql, params (string Name, object? Value)[] args)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (k, v) in args) cmd.Parameters.AddWithValue(k, v ?? DBNull.Value);
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? Text(SqliteConnection c, string sql, params (string Name, object? Value)[] args)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (k, v) in args) cmd.Parameters.AddWithValue(k, v ?? DBNull.Value);
        return cmd.ExecuteScalar() as string;
    }

    private static Dictionary<string, object?> Args(params (string Name, object? Value)[] args) =>
        args.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);
}
