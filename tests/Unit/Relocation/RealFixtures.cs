using System.Text;
using Microsoft.Data.Sqlite;
using SameSession.Core.Operations;
using SameSession.Core.Providers;
using SameSession.Core.Relocation.Rebind.ClaudeCode;
using SameSession.Core.Sessions;

namespace SameSession.Tests.Unit.Relocation;

/// <summary>
/// Lays a real-CLI fixture (tests/fixtures/&lt;provider&gt;/&lt;version&gt;/home) into a throwaway home: placeholders
/// replaced in names and contents, <c>X.sql</c> dumps loaded into SQLite databases <c>X</c>, workspace dirs created.
/// </summary>
internal static class RealFixtures
{
    public static AgentEnvironment Materialize(string provider, string version, string home)
    {
        var source = Path.Combine(TestPaths.Fixtures, provider, version, "home");
        var dashed = ClaudeProjectFolder.Name(home);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(source, file).Replace("__HOME_DASHED__", dashed, StringComparison.Ordinal).Replace("__HOME__", home, StringComparison.Ordinal);
            var target = Path.Combine(home, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var text = File.ReadAllText(file).Replace("__HOME_DASHED__", dashed, StringComparison.Ordinal).Replace("__HOME__", home, StringComparison.Ordinal);
            // A fresh database has no sqlite_sequence until an AUTOINCREMENT row exists; the dump's reset line is a no-op then.
            if (target.EndsWith(".sqlite.sql", StringComparison.Ordinal)) LoadDump(target[..^4], text.Replace("DELETE FROM sqlite_sequence;", "", StringComparison.Ordinal));
            else File.WriteAllText(target, text, new UTF8Encoding(false));
        }
        foreach (var w in new[] { "work/proj ünï 空间", "work/plain", "work/repo/src/sub" })
            Directory.CreateDirectory(Path.Combine(home, w));
        return new AgentEnvironment(home);
    }

    private static void LoadDump(string db, string sql)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public static List<AgentSession> Discover(AgentEnvironment env, AgentProvider provider) =>
        ProviderRegistry.Find(provider)!.Discover(new DiscoveryContext(env, new RecordingObserver(), includeArchived: true)).ToList();
}
