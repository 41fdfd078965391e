using System.Text.Json;
using SameSession.Core.Infrastructure;
using SameSession.Tests.Compat.Harness;

namespace SameSession.FixtureGen;

/// <summary>
/// Copies chosen files of a throwaway agent home into tests/fixtures/&lt;provider&gt;/&lt;version&gt;/home with
/// machine paths replaced by placeholders; SQLite databases are stored as `sqlite3 .dump` text (X → X.sql).
/// </summary>
public sealed class FixtureWriter
{
    private readonly string _home;
    private readonly Placeholders _placeholders;

    public FixtureWriter(string provider, string version, string home)
    {
        _home = home;
        _placeholders = new Placeholders(home, AgentClis.InstallRoot);
        Folder = FixtureMaterializer.Folder(provider, version);
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        Directory.CreateDirectory(Path.Combine(Folder, "home"));
    }

    public string Folder { get; }

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep non-ASCII paths readable
    };

    /// <summary>Copies a text file given relative to the home.</summary>
    public void CopyText(string relative)
    {
        var text = File.ReadAllText(Path.Combine(_home, relative));
        Write(relative, _placeholders.ToTokens(text));
    }

    /// <summary>Copies every file under a home-relative folder whose relative path passes <paramref name="keep"/>.</summary>
    public void CopyTree(string relativeFolder, Func<string, bool>? keep = null)
    {
        var root = Path.Combine(_home, relativeFolder);
        if (!Directory.Exists(root)) return;
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(_home, file);
            if (keep is null || keep(relative)) CopyText(relative);
        }
    }

    /// <summary>Stores a SQLite database (WAL included: the sqlite3 shell reads through it) as a text dump.</summary>
    public void DumpDatabase(string relative)
    {
        var r = ProcessRunner.Run("sqlite3", [Path.Combine(_home, relative), ".dump"], timeout: TimeSpan.FromSeconds(60), stdin: "");
        if (!r.Succeeded) throw new InvalidOperationException($"sqlite3 .dump {relative} failed: {r.StdErr}");
        Write(relative + FixtureMaterializer.SqlDumpSuffix, _placeholders.ToTokens(WithSequenceTable(r.StdOut)));
    }

    /// <summary>
    /// A database whose AUTOINCREMENT table was dropped keeps sqlite_sequence, and `.dump` then emits
    /// `DELETE FROM sqlite_sequence` that no CREATE precedes; a throwaway AUTOINCREMENT table recreates it on load.
    /// </summary>
    private static string WithSequenceTable(string dump)
    {
        const string begin = "BEGIN TRANSACTION;\n";
        if (!dump.Contains("sqlite_sequence", StringComparison.Ordinal) || dump.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase))
            return dump;
        var at = dump.IndexOf(begin, StringComparison.Ordinal) + begin.Length;
        return dump.Insert(at, "CREATE TABLE fixture_sequence_seed(id INTEGER PRIMARY KEY AUTOINCREMENT);\nDROP TABLE fixture_sequence_seed;\n");
    }

    public string Tokens(string text) => _placeholders.ToTokens(text);

    public void WriteExpected(ExpectedFixture expected) =>
        File.WriteAllText(Path.Combine(Folder, "expected.json"),
            JsonSerializer.Serialize(expected, Indented) + "\n");

    public void WriteReadme(string text) => File.WriteAllText(Path.Combine(Folder, "README.md"), text);

    private void Write(string relative, string text)
    {
        var target = Path.Combine(Folder, "home", _placeholders.ToTokens(relative));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, text);
    }
}
