using Microsoft.Data.Sqlite;

namespace SameSession.Tests.Compat.Harness.Fixtures;

/// <summary>
/// Writes a committed fixture (<c>tests/fixtures/&lt;provider&gt;/&lt;version&gt;/home/…</c>) into a real home:
/// placeholders in file names and contents become that home's paths, and every <c>X.sql</c> dump becomes the
/// SQLite database <c>X</c>. The fixture's project directories are recreated with <see cref="FixtureWorkspace"/>.
/// </summary>
public static class FixtureMaterializer
{
    public const string SqlDumpSuffix = ".sql";

    public static string FixturesRoot => Path.Combine(AgentClis.RepoRoot, "tests", "fixtures");

    /// <summary>The fixture folder of one provider version, e.g. <c>Folder("claude", "2.1.328")</c>.</summary>
    public static string Folder(string provider, string version) => Path.Combine(FixturesRoot, provider, version);

    public static FixtureWorkspace Materialize(string fixtureFolder, string home)
    {
        var placeholders = new Placeholders(home);
        var source = Path.Combine(fixtureFolder, "home");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = placeholders.FromTokens(Path.GetRelativePath(source, file));
            var target = Path.Combine(home, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var text = placeholders.FromTokens(File.ReadAllText(file));
            if (target.EndsWith(SqlDumpSuffix, StringComparison.Ordinal)) LoadDump(text, target[..^SqlDumpSuffix.Length]);
            else File.WriteAllText(target, text);
        }
        return FixtureWorkspace.Create(home);
    }

    /// <summary>Creates (replacing) the database at <paramref name="databasePath"/> from a `sqlite3 .dump` text.</summary>
    public static void LoadDump(string sql, string databasePath)
    {
        File.Delete(databasePath);
        var cs = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        using var connection = new SqliteConnection(cs);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
