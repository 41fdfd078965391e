using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SameSession.Tests.Compat.Harness;
using SameSession.Tests.Compat.Harness.Fixtures;

namespace SameSession.Tests.Compat;

/// <summary>
/// The committed fixtures materialize into any home with no placeholder left, and every session their
/// expected.json lists is where the agent's own storage says it is (by id and directory).
/// </summary>
public sealed class FixtureTests
{
    public static TheoryData<string, string> Fixtures()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in Directory.GetDirectories(FixtureMaterializer.FixturesRoot).Order(StringComparer.Ordinal))
            foreach (var version in Directory.GetDirectories(provider).Order(StringComparer.Ordinal))
                if (File.Exists(Path.Combine(version, "expected.json")))
                    data.Add(Path.GetFileName(provider), Path.GetFileName(version));
        return data;
    }

    [Fact]
    public void Every_pinned_cli_except_acpx_and_gemini_has_a_fixture_of_its_pinned_version()
    {
        foreach (var (provider, cli) in new[] { ("claude", "claude"), ("codex", "codex"), ("opencode", "opencode") })
            Assert.True(File.Exists(Path.Combine(FixtureMaterializer.Folder(provider, AgentClis.PinnedVersions[cli]), "expected.json")),
                $"no {provider} fixture for the pinned {AgentClis.PinnedVersions[cli]}");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_materializes_with_every_placeholder_replaced(string provider, string version)
    {
        using var home = new AgentHome();
        var folder = FixtureMaterializer.Folder(provider, version);
        var workspace = FixtureMaterializer.Materialize(folder, home.Path);
        var expected = ExpectedFixtures.Read(folder);

        Assert.Equal(expected.RepoRootCommit, workspace.RootCommit);
        Assert.Equal(4, expected.Sessions.Count);
        foreach (var file in Directory.EnumerateFiles(home.Path, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/.git/", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain("__HOME", file, StringComparison.Ordinal);
            if (!file.EndsWith(".db", StringComparison.Ordinal) && !file.EndsWith(".sqlite", StringComparison.Ordinal))
                Assert.DoesNotContain("__HOME", File.ReadAllText(file), StringComparison.Ordinal);
        }
        foreach (var session in expected.Sessions)
        {
            Assert.True(Directory.Exists(session.DirectoryIn(home.Path)), session.Directory);
            Assert.Equal(4, session.MessageCount);
        }
    }

    [Fact]
    public void Claude_fixture_files_sit_in_the_dashed_folder_of_their_recorded_cwd()
    {
        var (home, expected) = Materialize("claude", "claude");
        using var _ = home;
        foreach (var s in expected.Sessions)
        {
            var dir = s.DirectoryIn(home.Path);
            var file = home.Combine(".claude", "projects", Placeholders.Dashed(dir), s.Id + ".jsonl");
            var cwds = File.ReadLines(file).Select(l => JsonNode.Parse(l)?["cwd"]?.GetValue<string>()).Where(c => c is not null).Distinct();
            Assert.Equal([dir], cwds);
        }
    }

    [Fact]
    public void Codex_fixture_threads_point_at_their_rollouts_and_cwds()
    {
        var (home, expected) = Materialize("codex", "codex");
        using var _ = home;
        using var db = Open(home.Combine(".codex", "state_5.sqlite"));
        foreach (var s in expected.Sessions)
        {
            var (rollout, cwd, title) = Row(db, "SELECT rollout_path, cwd, title FROM threads WHERE id = $id", s.Id);
            Assert.True(File.Exists(rollout), rollout);
            Assert.EndsWith(s.Id + ".jsonl", rollout, StringComparison.Ordinal);
            Assert.Equal(s.DirectoryIn(home.Path), cwd);
            Assert.Equal(s.Title, title);
        }
    }

    [Theory]
    [InlineData("opencode")]
    [InlineData("acpx")]
    public void Opencode_database_holds_each_session_with_its_directory(string provider)
    {
        var (home, expected) = Materialize(provider, provider);
        using var _ = home;
        using var db = Open(home.Combine(".local", "share", "opencode", "opencode.db"));
        foreach (var s in expected.Sessions)
        {
            var (directory, title, _) = Row(db, "SELECT directory, title, id FROM session WHERE id = $id", s.Id);
            Assert.Equal(s.DirectoryIn(home.Path), directory);
            if (provider == "opencode") Assert.Equal(s.Title, title);
        }
    }

    private static (AgentHome Home, ExpectedFixture Expected) Materialize(string provider, string cli)
    {
        var folder = FixtureMaterializer.Folder(provider, AgentClis.PinnedVersions[cli]);
        var home = new AgentHome();
        FixtureMaterializer.Materialize(folder, home.Path);
        return (home, ExpectedFixtures.Read(folder));
    }

    private static SqliteConnection Open(string path)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        c.Open();
        return c;
    }

    private static (string, string, string) Row(SqliteConnection db, string sql, string id)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$id", id);
        using var r = cmd.ExecuteReader();
        Assert.True(r.Read(), $"no row for {id}");
        return (r.GetString(0), r.GetString(1), r.GetString(2));
    }
}
