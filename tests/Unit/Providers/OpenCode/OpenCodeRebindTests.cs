using Microsoft.Data.Sqlite;
using SameSession.Core.Errors;
using SameSession.Core.Providers.OpenCode;
using SameSession.Core.Relocation;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Relocation.Rebind;
using SameSession.Core.Sessions;
using static SameSession.Tests.Unit.Providers.ProviderTestKit;

namespace SameSession.Tests.Unit.Providers.OpenCode;

public class OpenCodeRebindTests
{
    private static string DataHome(TempDir t) => t.Combine("home", ".local", "share", "opencode");

    private static string RepoWithId(string path, string id)
    {
        GitRepo(path);
        File.WriteAllText(Path.Combine(path, ".git", "opencode"), id);
        return path;
    }

    private static AgentSession Find(TempDir t, string id) => Discover(new OpenCodeProvider(), Env(t)).Sessions.Single(s => s.Id == id);

    private static void Apply(TempDir t, ChangeSet changes) =>
        Assert.True(new JournalTransaction(new JournalStore(t.Combine("journal"))).Apply(changes));

    private static string? Query(OpenCodeTestDb db, string sql)
    {
        using var c = new SqliteConnection(db.ConnectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Rebinds_a_session_and_its_subsession_into_the_destination_project_creating_its_row()
    {
        using var t = new TempDir("ocr");
        var from = RepoWithId(t.Combine("old", "api"), "rootA");
        var to = RepoWithId(t.Combine("new", "api"), "rootB");
        var db = new OpenCodeTestDb(Path.Combine(DataHome(t), "opencode.db"));
        db.Project("rootA", from);
        db.Session("ses_main", from, project: "rootA");
        db.Session("ses_sub", Path.Combine(from, "src"), project: "rootA", parent: "ses_main");
        db.Session("ses_other", from, project: "rootA");
        db.User("ses_main", "hi");
        db.Assistant("ses_main", "hello", from);
        db.Assistant("ses_sub", "sub", Path.Combine(from, "src"));
        db.Assistant("ses_other", "untouched", from);
        db.Execute("update session set path = 'src' where id = 'ses_sub'");
        var before = Snapshot(DataHome(t));

        var plan = Plan(new OpenCodeRebinder(), Find(t, "ses_main"), PathMap.Of(from, to));

        Assert.Equal(before, Snapshot(DataHome(t)));
        var step = Assert.Single(plan.Steps);
        Assert.Equal(StepKind.Sql, step.Kind);
        Assert.Equal(db.Path, step.Path);
        Apply(t, plan);

        Assert.Equal(to, Query(db, "select worktree from project where id = 'rootB'"));
        Assert.Equal($"{to}|rootB|null", Query(db, "select directory || '|' || project_id || '|' || coalesce(path, 'null') from session where id = 'ses_main'"));
        Assert.Equal($"{Path.Combine(to, "src")}|rootB|src", Query(db, "select directory || '|' || project_id || '|' || path from session where id = 'ses_sub'"));
        Assert.Equal($"{from}|rootA", Query(db, "select directory || '|' || project_id from session where id = 'ses_other'"));
        Assert.Equal($"{to}|{to}", Query(db, "select json_extract(data, '$.path.cwd') || '|' || json_extract(data, '$.path.root') from message where session_id = 'ses_main' and json_extract(data, '$.role') = 'assistant'"));
        Assert.Equal(Path.Combine(to, "src"), Query(db, "select json_extract(data, '$.path.cwd') from message where session_id = 'ses_sub'"));
        Assert.Equal(from, Query(db, "select json_extract(data, '$.path.cwd') from message where session_id = 'ses_other'"));
        var moved = Find(t, "ses_main");
        Assert.Equal(to, moved.Directory);
        Assert.Equal(to, moved.ProjectRoot);
        Assert.False(moved.IsOrphaned);
    }

    [Fact]
    public void A_moved_repository_keeps_its_project_id_and_the_project_follows_it()
    {
        using var t = new TempDir("ocr");
        var from = t.Combine("old", "api");
        var to = RepoWithId(t.Combine("new", "api"), "rootA");
        var db = new OpenCodeTestDb(Path.Combine(DataHome(t), "opencode.db"));
        db.Project("rootA", from);
        db.Session("ses_main", from, project: "rootA");
        Assert.True(Find(t, "ses_main").IsOrphaned);

        Apply(t, Plan(new OpenCodeRebinder(), Find(t, "ses_main"), PathMap.Of(from, to)));

        Assert.Equal(to, Query(db, "select worktree from project where id = 'rootA'"));
        Assert.Equal("1", Query(db, "select count(*) from project where id = 'rootA'"));
        Assert.False(Find(t, "ses_main").IsOrphaned);
    }

    [Fact]
    public void A_destination_outside_git_belongs_to_the_global_project()
    {
        using var t = new TempDir("ocr");
        var from = RepoWithId(t.Combine("repo"), "rootA");
        var to = Directory.CreateDirectory(t.Combine("scratch")).FullName;
        var db = new OpenCodeTestDb(Path.Combine(DataHome(t), "opencode.db"));
        db.Project("rootA", from);
        db.Session("ses_main", from, project: "rootA");

        Apply(t, Plan(new OpenCodeRebinder(), Find(t, "ses_main"), PathMap.Of(from, to)));

        Assert.Equal($"{to}|global", Query(db, "select directory || '|' || project_id from session where id = 'ses_main'"));
    }

    [Fact]
    public void A_missing_destination_or_a_session_outside_the_map_is_refused()
    {
        using var t = new TempDir("ocr");
        var from = Directory.CreateDirectory(t.Combine("a")).FullName;
        new OpenCodeTestDb(Path.Combine(DataHome(t), "opencode.db")).Session("ses_main", from);
        var session = Find(t, "ses_main");

        Assert.Equal(ErrorIds.PathNotFound, Assert.Throws<SameSessionException>(() => Plan(new OpenCodeRebinder(), session, PathMap.Of(from, t.Combine("nope")))).Error);
        Assert.Equal(ErrorIds.InvalidArgument, Assert.Throws<SameSessionException>(() => Plan(new OpenCodeRebinder(), session, PathMap.Of(t.Combine("elsewhere"), from))).Error);
    }

    [Fact]
    public void Legacy_json_sessions_are_refused_with_the_fix()
    {
        using var t = new TempDir("ocr");
        var dir = Directory.CreateDirectory(t.Combine("p")).FullName;
        OpenCodeProviderTests.LegacyStore(DataHome(t), dir);

        var ex = Assert.Throws<SameSessionException>(() => Plan(new OpenCodeRebinder(), Find(t, "ses_legacy"), PathMap.Of(dir, t.Path)));

        Assert.Equal(ErrorIds.UnsupportedFormat, ex.Error);
        Assert.Contains("opencode 1.2", ex.Message);
    }
}
