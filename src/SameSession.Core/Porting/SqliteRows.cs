using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SameSession.Core.Errors;
using SameSession.Core.Relocation.Journal;

namespace SameSession.Core.Porting;

/// <summary>
/// Database rows as JSON Lines (one object per row, column → value; blobs as {"base64": …}) read through SQLite,
/// never by copying the database file, so a WAL database is read consistently; and the statements that put such rows
/// into another database of the same agent (only the columns the destination table has).
/// </summary>
public static class SqliteRows
{
    /// <summary>Rows of <paramref name="table"/> matching <paramref name="where"/> (bound parameters), as JSONL bytes.</summary>
    public static (byte[] JsonLines, int Count) Export(string database, string table, string where, Dictionary<string, object?> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        try
        {
            using var c = OpenReadOnly(database);
            using var cmd = c.CreateCommand();
#pragma warning disable CA2100 // table and where come from our own porters; values are bound
            cmd.CommandText = $"SELECT * FROM \"{table}\" WHERE {where} ORDER BY rowid";
#pragma warning restore CA2100
            foreach (var (k, v) in parameters) cmd.Parameters.AddWithValue(k, v ?? DBNull.Value);
            using var r = cmd.ExecuteReader();
            using var buffer = new MemoryStream();
            var count = 0;
            while (r.Read())
            {
                var row = new JsonObject();
                for (var i = 0; i < r.FieldCount; i++) row[r.GetName(i)] = Value(r.GetValue(i));
                buffer.Write(Encoding.UTF8.GetBytes(row.ToJsonString()));
                buffer.WriteByte((byte)'\n');
                count++;
            }
            return (buffer.ToArray(), count);
        }
        catch (SqliteException ex)
        {
            throw new SameSessionException(ErrorIds.IoFailed, $"Could not read {table} rows from {database}: {ex.Message}. Close the agent and retry.", database, ex);
        }
    }

    /// <summary>The JSONL rows of a staged db entry.</summary>
    public static List<JsonObject> Parse(string jsonlFile) =>
        File.ReadLines(jsonlFile).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l) as JsonObject
            ?? throw new SameSessionException(ErrorIds.CapsuleCorrupt, $"A row in {jsonlFile} is not a JSON object.", jsonlFile)).ToList();

    /// <summary>The column names of <paramref name="table"/> in <paramref name="database"/>, empty when the table is absent.</summary>
    public static HashSet<string> Columns(string database, string table)
    {
        using var c = OpenReadOnly(database);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT name FROM pragma_table_info($t)";
        cmd.Parameters.AddWithValue("$t", table);
        using var r = cmd.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (r.Read()) names.Add(r.GetString(0));
        return names;
    }

    /// <summary>INSERT OR REPLACE of one row, restricted to <paramref name="columns"/>.</summary>
    public static SqlStatement Upsert(string table, JsonObject row, IReadOnlySet<string> columns)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(columns);
        var names = row.Select(p => p.Key).Where(columns.Contains).ToList();
        var parameters = new Dictionary<string, object?>();
        for (var i = 0; i < names.Count; i++) parameters[$"$c{i}"] = Plain(row[names[i]]);
        var sql = $"INSERT OR REPLACE INTO \"{table}\" ({string.Join(", ", names.Select(n => $"\"{n}\""))}) VALUES ({string.Join(", ", names.Select((_, i) => $"$c{i}"))})";
        return new SqlStatement(sql, parameters);
    }

    /// <summary>A probe true exactly when <paramref name="row"/> is in the table as given (every column it shares with the table).</summary>
    public static SqlProbe Present(string table, JsonObject row, IReadOnlySet<string> columns)
    {
        ArgumentNullException.ThrowIfNull(row);
        var upsert = Upsert(table, row, columns);
        var names = row.Select(p => p.Key).Where(columns.Contains).ToList();
        var sql = $"SELECT count(*) FROM \"{table}\" WHERE {string.Join(" AND ", names.Select((n, i) => $"\"{n}\" IS $c{i}"))}";
        return new SqlProbe(sql, upsert.Parameters, 1);
    }

    public static string? Text(JsonObject row, string column) =>
        row.TryGetPropertyValue(column, out var n) && n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonNode? Value(object v) => v switch
    {
        DBNull => null,
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        string s => JsonValue.Create(s),
        byte[] b => new JsonObject { ["base64"] = Convert.ToBase64String(b) },
        _ => JsonValue.Create(Convert.ToString(v, CultureInfo.InvariantCulture)),
    };

    private static object? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o when o["base64"] is JsonValue b => Convert.FromBase64String(b.GetValue<string>()),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.TryGetValue<long>(out var l) ? l : v.GetValue<double>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>() ? 1L : 0L,
        _ => node.ToJsonString(),
    };

    private static SqliteConnection OpenReadOnly(string database)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 5 }.ToString());
        c.Open();
        return c;
    }
}
