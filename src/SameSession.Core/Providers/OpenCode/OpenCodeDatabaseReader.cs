using System.Text.Json;
using Microsoft.Data.Sqlite;
using SameSession.Core.Providers.Common;

namespace SameSession.Core.Providers.OpenCode;

/// <summary>
/// Reads sessions from opencode.db (1.2+ `session`/`message`/`part`, 2.x `session_v2`/`session_message`) through a
/// read-only connection: safe beside a running opencode (WAL readers never block its writer), never copies the file.
/// </summary>
internal sealed class OpenCodeDatabaseReader
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    private readonly string _path;
    private readonly DiscoveryContext _context;
    private readonly int _busyTimeoutSeconds;
    private readonly bool _complete;

    /// <param name="complete">Read every session, archived or not and whatever the id filter says (for the description cache).</param>
    public OpenCodeDatabaseReader(string path, DiscoveryContext context, int busyTimeoutSeconds, bool complete = false)
    {
        _path = path;
        _context = context;
        _busyTimeoutSeconds = busyTimeoutSeconds;
        _complete = complete;
    }

    public static string ConnectionString(string path, int busyTimeoutSeconds) => new SqliteConnectionStringBuilder
    {
        DataSource = IsClosedWalDatabase(path) ? new Uri(path).AbsoluteUri + "?immutable=1" : path,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = false,
        DefaultTimeout = busyTimeoutSeconds,
    }.ToString();

    /// <summary>
    /// A WAL database nobody has open (no -wal/-shm beside it) is complete in its main file. Opening it normally, even
    /// read-only, would create a -shm file; immutable=1 reads it without creating anything. If opencode starts meanwhile
    /// it writes to a new WAL, not to the main file, so the read stays consistent.
    /// </summary>
    internal static bool IsClosedWalDatabase(string path)
    {
        if (File.Exists(path + "-wal") || File.Exists(path + "-shm") || File.Exists(path + "-journal")) return false;
        try
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> header = stackalloc byte[20];
            // Bytes 18 and 19 of the header are the write and read format versions: 2 means WAL.
            return f.Read(header) == 20 && header[18] == 2 && header[19] == 2;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    /// <summary>The store, or null after a warning when the database is locked, corrupt or not opencode's.</summary>
    public OpenCodeStore? Read()
    {
        try
        {
            using var db = new SqliteConnection(ConnectionString(_path, _busyTimeoutSeconds));
            db.Open();
            var tables = Strings(db, "select name from sqlite_master where type = 'table'").ToHashSet(StringComparer.Ordinal);
            var store = new OpenCodeStore();
            if (tables.Contains("project")) ReadProjects(db, store);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            // 2.x migrates 1.x rows into session_v2 and keeps the old tables: the v2 row is the live one.
            if (tables.Contains("session_v2") && tables.Contains("session_message"))
                foreach (var s in ReadV2(db)) if (seen.Add(s.Id)) store.Sessions.Add(s);
            if (tables.Contains("session") && tables.Contains("message"))
                foreach (var s in ReadV1(db, tables.Contains("part"))) if (seen.Add(s.Id)) store.Sessions.Add(s);
            return store;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteBusy or SqliteLocked)
        {
            _context.Warn(_path, $"database is locked by another process (SQLite error {ex.SqliteErrorCode}); its opencode sessions were skipped. Retry when opencode is idle.");
        }
        catch (SqliteException ex)
        {
            _context.Warn(_path, $"could not be read as an opencode database ({ex.Message}); its sessions were skipped.");
        }
        return null;
    }

    private static void ReadProjects(SqliteConnection db, OpenCodeStore store)
    {
        var columns = Columns(db, "project");
        var sandboxes = columns.Contains("sandboxes") ? "sandboxes" : "null";
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"select id, worktree, {sandboxes} from project";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            if (r.IsDBNull(0)) continue;
            var id = r.GetString(0);
            var worktree = r.IsDBNull(1) ? "/" : r.GetString(1);
            store.Projects[id] = new OpenCodeProject(id, worktree, ParseSandboxes(r.IsDBNull(2) ? null : r.GetString(2)));
        }
    }

    private static List<string> ParseSandboxes(string? json)
    {
        var list = new List<string>();
        if (string.IsNullOrEmpty(json)) return list;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind == JsonValueKind.Array)
                foreach (var e in doc.RootElement.EnumerateArray())
                    if (e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } s) list.Add(s);
        }
        catch (JsonException) { }
        return list;
    }

    private List<OpenCodeSessionRow> ReadV1(SqliteConnection db, bool hasParts)
    {
        var counts = Aggregate(db, "select session_id, count(*), sum(octet_length(data)) from message group by session_id");
        var partSizes = hasParts ? Aggregate(db, "select session_id, 0, sum(octet_length(data)) from part group by session_id") : [];
        const string firstPrompt =
            "select json_extract(p.data, '$.text') from part p where p.message_id = (" +
            " select m.id from message m where m.session_id = $s and json_extract(m.data, '$.role') = 'user'" +
            " order by m.time_created, m.id limit 1)" +
            " and json_extract(p.data, '$.type') = 'text' and coalesce(json_extract(p.data, '$.synthetic'), 0) = 0" +
            " order by p.id limit 1";
        return ReadSessions(db, "session", counts, partSizes, hasParts ? firstPrompt : null);
    }

    private List<OpenCodeSessionRow> ReadV2(SqliteConnection db)
    {
        var order = Columns(db, "session_message").Contains("seq") ? "seq" : "time_created, id";
        var counts = Aggregate(db, "select session_id, sum(type in ('user', 'assistant')), sum(octet_length(data)) from session_message group by session_id");
        var firstPrompt = $"select json_extract(data, '$.text') from session_message where session_id = $s and type = 'user' order by {order} limit 1";
        return ReadSessions(db, "session_v2", counts, [], firstPrompt);
    }

    private List<OpenCodeSessionRow> ReadSessions(SqliteConnection db, string table, Dictionary<string, (long Count, long Bytes)> counts,
        Dictionary<string, (long Count, long Bytes)> extraBytes, string? firstPromptSql)
    {
        var columns = Columns(db, table);
        string Col(string name) => columns.Contains(name) ? name : "null";
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"select id, {Col("project_id")}, {Col("parent_id")}, {Col("directory")}, {Col("title")}, {Col("version")}, " +
                          $"{Col("time_created")}, {Col("time_updated")}, {Col("time_archived")} from {table}";
        var rows = new List<OpenCodeSessionRow>();
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                if (r.IsDBNull(0)) continue;
                var archived = !r.IsDBNull(8);
                if (archived && !_context.IncludeArchived && !_complete) continue;
                var id = r.GetString(0);
                if (!_complete && !_context.MayMatchId(id)) continue;
                var c = counts.GetValueOrDefault(id);
                rows.Add(new OpenCodeSessionRow
                {
                    Id = id,
                    ProjectId = r.IsDBNull(1) ? OpenCodeProject.GlobalId : r.GetString(1),
                    ParentId = r.IsDBNull(2) ? null : r.GetString(2),
                    Directory = r.IsDBNull(3) ? null : r.GetString(3),
                    Title = r.IsDBNull(4) ? null : r.GetString(4),
                    Version = r.IsDBNull(5) ? null : r.GetString(5),
                    Created = JsonRead.FromUnixMs(r.IsDBNull(6) ? null : r.GetInt64(6)),
                    Updated = JsonRead.FromUnixMs(r.IsDBNull(7) ? null : r.GetInt64(7)),
                    Archived = archived,
                    MessageCount = (int)c.Count,
                    SizeBytes = c.Bytes + extraBytes.GetValueOrDefault(id).Bytes,
                    Files = [_path],
                });
            }
        }
        if (firstPromptSql is null) return rows;
        using var prompt = db.CreateCommand();
        prompt.CommandText = firstPromptSql;
        var p = prompt.Parameters.Add("$s", SqliteType.Text);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].MessageCount == 0) continue;
            p.Value = rows[i].Id;
            rows[i] = rows[i] with { FirstPrompt = JsonRead.Prompt(prompt.ExecuteScalar() as string) };
        }
        return rows;
    }

    private static Dictionary<string, (long Count, long Bytes)> Aggregate(SqliteConnection db, string sql)
    {
        var result = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        while (r.Read())
            if (!r.IsDBNull(0)) result[r.GetString(0)] = (r.IsDBNull(1) ? 0 : r.GetInt64(1), r.IsDBNull(2) ? 0 : r.GetInt64(2));
        return result;
    }

    private static HashSet<string> Columns(SqliteConnection db, string table) =>
        Strings(db, $"select name from pragma_table_info('{table}')").ToHashSet(StringComparer.Ordinal);

    private static List<string> Strings(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read()) if (!r.IsDBNull(0)) list.Add(r.GetString(0));
        return list;
    }
}
