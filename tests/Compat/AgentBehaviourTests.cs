using Microsoft.Data.Sqlite;
using SameSession.Tests.Compat.Harness;

namespace SameSession.Tests.Compat;

/// <summary>
/// Facts about the real CLIs that moving a session relies on, pinned so a new CLI version that changes them fails
/// here first.
/// </summary>
public sealed class AgentBehaviourTests
{
    [Fact]
    public async Task Codex_resumes_by_id_after_its_threads_row_is_deleted_and_writes_the_row_again()
    {
        await using var h = await CompatHarness.StartAsync();
        var home = h.NewHome();
        var cwd = home.CreateDirectory("a");
        var codex = h.Codex(home);
        var p1 = ResumeAssertions.Unique("first");
        var first = codex.NewSession(cwd, p1);

        var state = Directory.GetFiles(home.Combine(".codex"), "state_*.sqlite").Single();
        Assert.Equal(1, Execute(state, "DELETE FROM threads WHERE id = $id", first.SessionId));

        var p2 = ResumeAssertions.Unique("second");
        var second = codex.ResumeSession(cwd, first.SessionId, p2);
        Assert.Equal(first.SessionId, second.SessionId);
        Assert.True(h.StandIn.TurnRequest(codex.Api, p2, second.Run.StdOut).Mentions(p1));
        Assert.Equal(1, Execute(state, "SELECT count(*) FROM threads WHERE id = $id AND cwd = $cwd", first.SessionId, cwd));
    }

    private static int Execute(string database, string sql, string id, string? cwd = null)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        if (cwd is not null) command.Parameters.AddWithValue("$cwd", cwd);
        return sql.StartsWith("SELECT", StringComparison.Ordinal) ? Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) : command.ExecuteNonQuery();
    }

    [Fact]
    public async Task Claude_print_mode_resumes_by_id_from_another_directory_and_appends_to_the_original_file()
    {
        await using var h = await CompatHarness.StartAsync();
        var home = h.NewHome();
        var claude = h.Claude(home);
        var p1 = ResumeAssertions.Unique("first");
        var first = claude.NewSession(home.CreateDirectory("a"), p1);
        var file = Directory.GetFiles(home.Combine(".claude", "projects"), first.SessionId + ".jsonl", SearchOption.AllDirectories).Single();
        var linesBefore = File.ReadAllLines(file).Length;

        var p2 = ResumeAssertions.Unique("second");
        var second = claude.ResumeSession(home.CreateDirectory("b"), first.SessionId, p2);

        Assert.True(h.StandIn.TurnRequest(claude.Api, p2, second.Run.StdOut).Mentions(p1));
        Assert.Equal([file], Directory.GetFiles(home.Combine(".claude", "projects"), first.SessionId + ".jsonl", SearchOption.AllDirectories));
        Assert.True(File.ReadAllLines(file).Length > linesBefore);
    }
}
