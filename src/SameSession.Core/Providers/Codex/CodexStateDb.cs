using Microsoft.Data.Sqlite;
using SameSession.Core.Providers.Common;
using SameSession.Core.Sessions.Cache;

namespace SameSession.Core.Providers.Codex;

/// <summary>
/// Reads Codex's thread index (<c>state_5.sqlite</c>, table <c>threads</c>) read-only; safe while Codex runs
/// (WAL readers never block the writer). Columns are probed, so older and newer schemas both read.
/// </summary>
internal static class CodexStateDb
{
    public const string FileName = "state_5.sqlite";

    /// <summary>The state DB: <c>state_5.sqlite</c>, else the highest-numbered <c>state_N.sqlite</c>, in the SQLite home.</summary>
    public static string? Locate(string sqliteHome)
    {
        var preferred = Path.Combine(sqliteHome, FileName);
        if (File.Exists(preferred)) return preferred;
        if (!Directory.Exists(sqliteHome)) return null;
        return Directory.EnumerateFiles(sqliteHome, "state_*.sqlite")
            .Select(f => (File: f, Version: int.TryParse(Path.GetFileNameWithoutExtension(f)["state_".Length..], System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1))
            .Where(x => x.Version >= 0)
            .OrderByDescending(x => x.Version)
            .Select(x => x.File)
            .FirstOrDefault();
    }

    /// <summary>
    /// <see cref="ReadThreads"/> through the description cache: unchanged database and WAL files mean unchanged rows. A read
    /// that warned is not cached (it warns again next time).
    /// </summary>
    public static Dictionary<string, CodexThreadRow>? ReadThreadsCached(string path, Providers.DiscoveryContext context)
    {
        var store = context.CacheStore(CodexThreadRows.StoreName, CodexThreadRows.Codec);
        if (store is null) return ReadThreads(path, context);
        var key = DatabaseStamp.Of(path);
        if (key is null) return ReadThreads(path, context);
        if (store.Get(path, key.Value.Size, key.Value.LastWriteUtc, key.Value.Extra) is { } hit) return hit.Rows;
        var rows = ReadThreads(path, context);
        if (rows is not null) store.Put(path, key.Value.Size, key.Value.LastWriteUtc, new CodexThreadRows(rows), key.Value.Extra);
        return rows;
    }

    /// <summary>All rows keyed by id; null (after a warning naming the file) when the DB cannot be read.</summary>
    public static Dictionary<string, CodexThreadRow>? ReadThreads(string path, Providers.DiscoveryContext context)
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 2 }.ToString();
        try
        {
            using var connection = new SqliteConnection(cs);
            connection.Open();
            var columns = Columns(connection);
            if (!columns.Contains("id"))
            {
                context.Warn(path, "has no threads table; thread titles and directories come from the rollout files.");
                return null;
            }
            string Col(string name) => columns.Contains(name) ? name : "NULL";
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"""
                SELECT id, {Col("rollout_path")}, {Col("created_at")}, {Col("updated_at")}, {Col("created_at_ms")}, {Col("updated_at_ms")},
                       {Col("cwd")}, {Col("title")}, {Col("name")}, {Col("first_user_message")}, {Col("git_branch")},
                       {Col("cli_version")}, {Col("archived")}, {Col("project_id")}
                FROM threads
                """;
            var rows = new Dictionary<string, CodexThreadRow>(StringComparer.OrdinalIgnoreCase);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                if (r.IsDBNull(0)) continue;
                var id = r.GetValue(0).ToString()!;
                rows[id] = new CodexThreadRow
                {
                    Id = id,
                    RolloutPath = Text(r, 1),
                    Created = Millis(r, 4) ?? Seconds(r, 2),
                    Updated = Millis(r, 5) ?? Seconds(r, 3),
                    Cwd = Text(r, 6),
                    Title = Text(r, 7),
                    Name = Text(r, 8),
                    FirstUserMessage = Text(r, 9),
                    GitBranch = Text(r, 10),
                    CliVersion = Text(r, 11),
                    Archived = !r.IsDBNull(12) && Convert.ToInt64(r.GetValue(12), System.Globalization.CultureInfo.InvariantCulture) != 0,
                    ProjectId = Text(r, 13),
                };
            }
            return rows;
        }
        catch (SqliteException ex)
        {
            var why = ex.SqliteErrorCode is 5 or 6 ? "is locked" : "could not be read";
            context.Warn(path, $"{why} ({ex.Message.TrimEnd('.')}); thread titles and directories come from the rollout files.");
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException or InvalidCastException)
        {
            context.Warn(path, $"could not be read ({ex.Message.TrimEnd('.')}); thread titles and directories come from the rollout files.");
            return null;
        }
    }

    private static HashSet<string> Columns(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT name FROM pragma_table_info('threads')";
        using var r = cmd.ExecuteReader();
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (r.Read()) set.Add(r.GetString(0));
        return set;
    }

    private static string? Text(SqliteDataReader r, int i) =>
        r.IsDBNull(i) ? null : r.GetValue(i).ToString() is { Length: > 0 } s ? s : null;

    private static DateTimeOffset? Seconds(SqliteDataReader r, int i) =>
        r.IsDBNull(i) || r.GetValue(i) is not long s ? null : JsonRead.FromUnixSeconds(s);

    private static DateTimeOffset? Millis(SqliteDataReader r, int i) =>
        r.IsDBNull(i) || r.GetValue(i) is not long ms ? null : JsonRead.FromUnixMs(ms);
}
