using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace SameSession.Tests.Unit.Relocation;

/// <summary>Every file (path + SHA-256), every directory, and every row of the given SQLite tables, as one comparable string.</summary>
internal static class TreeSnapshot
{
    public static string Take(string root, params string[] databaseFiles) => Take(root, databaseFiles, _ => true);

    /// <param name="include">Which relative paths (from <paramref name="root"/>) count.</param>
    public static string Take(string root, string[] databaseFiles, Func<string, bool> include)
    {
        var sb = new StringBuilder();
        var dbs = databaseFiles.Select(Path.GetFullPath).ToHashSet();
        foreach (var e in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(root, e);
            if (!include(rel)) continue;
            if (Directory.Exists(e)) sb.Append("dir ").AppendLine(rel);
            else if (dbs.Contains(Path.GetFullPath(e))) sb.Append("db ").AppendLine(rel).Append(DumpRows(e));
            else if (rel.EndsWith("-wal", StringComparison.Ordinal) || rel.EndsWith("-shm", StringComparison.Ordinal) || rel.EndsWith("-journal", StringComparison.Ordinal)) continue;
            else sb.Append("file ").Append(rel).Append(' ').AppendLine(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(e))));
        }
        return sb.ToString();
    }

    public static string DumpRows(string db)
    {
        var sb = new StringBuilder();
        using var c = new SqliteConnection($"Data Source={db};Pooling=False;Mode=ReadOnly");
        c.Open();
        var tables = new List<string>();
        using (var t = c.CreateCommand())
        {
            t.CommandText = "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name";
            using var r = t.ExecuteReader();
            while (r.Read()) tables.Add(r.GetString(0));
        }
        foreach (var table in tables)
        {
            using var q = c.CreateCommand();
            q.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
            using var r = q.ExecuteReader();
            while (r.Read())
            {
                sb.Append("  ").Append(table).Append(':');
                for (var i = 0; i < r.FieldCount; i++) sb.Append(" | ").Append(r.IsDBNull(i) ? "NULL" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
                sb.AppendLine();
            }
        }
        return sb.ToString();
    }

    public static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var d in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, d)));
        foreach (var f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(f, Path.Combine(to, Path.GetRelativePath(from, f)));
    }
}

/// <summary>Crashes (or fails) right before action number <see cref="At"/>, and counts the actions it saw.</summary>
internal sealed class CrashAt : SameSession.Core.Relocation.Journal.IFailureInjector
{
    public CrashAt(int at, bool asCrash = true)
    {
        At = at;
        AsCrash = asCrash;
    }

    public int At { get; }
    public bool AsCrash { get; }
    public List<string> Seen { get; } = [];

    public void BeforeStep(int index, string action)
    {
        Seen.Add(action);
        if (index != At) return;
        if (AsCrash) throw new SameSession.Core.Relocation.Journal.SimulatedCrashException($"crash before {index}: {action}");
        throw new IOException($"injected failure before {index}: {action}");
    }
}
