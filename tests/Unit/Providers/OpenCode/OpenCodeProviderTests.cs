using Microsoft.Data.Sqlite;
using SameSession.Core.Providers.OpenCode;
using SameSession.Core.Sessions;
using static SameSession.Tests.Unit.Providers.ProviderTestKit;

namespace SameSession.Tests.Unit.Providers.OpenCode;

public class OpenCodeProviderTests
{
    private static string DataHome(TempDir t) => t.Combine("home", ".local", "share", "opencode");

    [Fact]
    public void Reads_sessions_from_the_database_with_counts_prompt_and_project_root()
    {
        using var t = new TempDir("oc");
        var repo = GitRepo(t.Combine("work", "api"), "feature/x");
        var db = new OpenCodeTestDb(Path.Combine(DataHome(t), "opencode.db"));
        db.Project("4b825dc642cb6eb9a060e54bf8d69288fbee4904", repo);
        db.Session("ses_a", repo, "Fix the parser", project: "4b825dc642cb6eb9a060e54bf8d69288fbee4904");
        db.User("ses_a", "  please fix the parser  ");
        db.Assistant("ses_a", "done", repo);
        db.User("ses_a", "thanks");

        var (sessions, warnings) = Discover(new OpenCodeProvider(), Env(t));

        Assert.Empty(warnings);
        var s = Assert.Single(sessions);
        Assert.Equal(AgentProvider.OpenCode, s.Provider);
        Assert.Equal("ses_a", s.Id);
        Assert.Equal("Fix the parser", s.Title);
        Assert.Equal(repo, s.Directory);
        Assert.Equal(repo, s.ProjectRoot);
        Assert.Equal("4b825dc642cb6eb9a060e54bf8d69288fbee4904", s.ProjectId);
        Assert.Equal("feature/x", s.GitBranch);
        Assert.Equal(3, s.MessageCount);
        Assert.Equal("please fix the parser", s.FirstPrompt);
        Assert.Equal("1.18.33", s.ProviderVersion);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_763_000_000_000), s.Created);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_763_000_100_000), s.Updated);
        Assert.Equal([db.Path], s.Files);
        Assert.Equal(DataHome(t), s.Home);
        Assert.True(s.SizeBytes > 100);
        Assert.False(s.IsOrphaned);
        Assert.False(s.IsArchived);
        Assert.False(s.IsLive);
    }

    [Fact]
    public void Archived_sessions_are_skipped_unless_asked_for_and_subsessions_name_their_parent()
    {
        using var t = new TempDir("oc");
        var dir = Directory.CreateDirectory(t.Combine("plain")).FullName;
        var db = new OpenCodeTestDb(Path.Combine(DataHome(t), "opencode.db"));
        db.Session("ses_parent", dir);
        db.Session("ses_child", dir, "Subtask", parent: "ses_parent");
        db.Session("ses_old", dir, archived: 1_763_000_200_000);

        var (active, _) = Discover(new OpenCodeProvider(), Env(t));
        var (all, _) = Discover(new OpenCodeProvider(), Env(t), includeArchived: true);

        Assert.Equal(["ses_child", "ses_parent"], active.Select(s => s.Id).Order());
        Assert.Contains("subsession of ses_parent", active.Single(s => s.Id == "ses_child").Note);
        Assert.True(all.Single(s => s.Id == "ses_old").IsArchived);
        Assert.Equal(3, all.Count);
    }

    [Fact]
    public void A_session_whose_directory_is_gone_is_orphaned()
    {
        using var t = new TempDir("oc");
        var db = new OpenCodeTestDb(Path.Combine(DataHome(t), "opencode.db"));
        db.Session("ses_gone", t.Combine("deleted", "project"));

        var s = Assert.Single(Discover(new OpenCodeProvider(), Env(t)).Sessions);

        Assert.True(s.IsOrphaned);
        Assert.Contains("no longer exists", s.Note);
    }

    [Fact]
    public void A_global_session_whose_directory_now_belongs_to_a_known_project_is_orphaned()
    {
        using var t = new TempDir("oc");
        var repo = GitRepo(t.Combine("repo"));
        var inside = Directory.CreateDirectory(Path.Combine(repo, "src")).FullName;
        var outside = Directory.CreateDirectory(t.Combine("scratch")).FullName;
        var unknownRepo = GitRepo(t.Combine("other"));
        var db = new OpenCodeTestDb(Path.Combine(DataHome(t), "opencode.db"));
        db.Project("abc123", repo);
        db.Session("ses_stranded", inside);
        db.Session("ses_scratch", outside);
        db.Session("ses_unknown_repo", unknownRepo);
        db.Session("ses_homed", repo, project: "abc123");

        var sessions = Discover(new OpenCodeProvider(), Env(t)).Sessions.ToDictionary(s => s.Id);

        Assert.True(sessions["ses_stranded"].IsOrphaned);
        Assert.Contains("project abc123", sessions["ses_stranded"].Note);
        Assert.False(sessions["ses_scratch"].IsOrphaned);
        Assert.False(sessions["ses_unknown_repo"].IsOrphaned);
        Assert.False(sessions["ses_homed"].IsOrphaned);
    }

    [Fact]
    public void The_git_id_cache_links_a_global_session_to_its_project_when_the_worktree_moved()
    {
        using var t = new TempDir("oc");
        var repo = GitRepo(t.Combine("moved-repo"));
        File.WriteAllText(Path.Combine(repo, ".git", "opencode"), "rootcommit1\n");
        var db = new OpenCodeTestDb(Path.Combine(DataHome(t), "opencode.db"));
        db.Project("rootcommit1", t.Combine("old-location"));
        db.Session("ses_x", repo);

        var s = Assert.Single(Discover(new OpenCodeProvider(), Env(t)).Sessions);

        Assert.True(s.IsOrphaned);
        Assert.Contains("rootcommit1", s.Note);
    }

    [Fact]
    public void XDG_DATA_HOME_relocates_the_data_home_and_channel_databases_are_read()
    {
        using var t = new TempDir("oc");
        var data = t.Combine("xdg");
        var dir = Directory.CreateDirectory(t.Combine("p")).FullName;
        new OpenCodeTestDb(Path.Combine(data, "opencode", "opencode.db")).Session("ses_main", dir);
        new OpenCodeTestDb(Path.Combine(data, "opencode", "opencode-dev.db")).Session("ses_dev", dir);
        new OpenCodeTestDb(Path.Combine(DataHome(t), "opencode.db")).Session("ses_default_home", dir);

        var env = Env(t).With("XDG_DATA_HOME", data);
        var (sessions, warnings) = Discover(new OpenCodeProvider(), env);

        Assert.Empty(warnings);
        Assert.Equal(["ses_dev", "ses_main"], sessions.Select(s => s.Id).Order());
        Assert.Equal(Path.Combine(data, "opencode"), new OpenCodeProvider().ResolveHome(env));
    }

    [Fact]
    public void OPENCODE_DB_relative_to_the_data_home_is_read()
    {
        using var t = new TempDir("oc");
        var dir = Directory.CreateDirectory(t.Combine("p")).FullName;
        new OpenCodeTestDb(Path.Combine(DataHome(t), "custom.db")).Session("ses_custom", dir);

        var (sessions, _) = Discover(new OpenCodeProvider(), Env(t).With("OPENCODE_DB", "custom.db"));

        Assert.Equal("ses_custom", Assert.Single(sessions).Id);
    }

    [Fact]
    public void A_database_locked_by_a_writer_is_a_warning_naming_the_file_and_other_stores_are_still_read()
    {
        using var t = new TempDir("oc");
        var dir = Directory.CreateDirectory(t.Combine("p")).FullName;
        var db = new OpenCodeTestDb(Path.Combine(DataHome(t), "opencode.db"), wal: false);
        db.Session("ses_locked", dir);
        LegacyStore(DataHome(t), dir);

        using var writer = new SqliteConnection(db.ConnectionString);
        writer.Open();
        using (var begin = writer.CreateCommand())
        {
            begin.CommandText = "begin exclusive; update session set title = 'being written'";
            begin.ExecuteNonQuery();
        }

        var (sessions, warnings) = Discover(new OpenCodeProvider { BusyTimeoutSeconds = 1 }, Env(t));

        var warning = Assert.Single(warnings);
        Assert.Contains(db.Path, warning);
        Assert.Contains("locked", warning);
        Assert.DoesNotContain(sessions, s => s.Id == "ses_locked");
        Assert.Contains(sessions, s => s.Id == "ses_legacy");
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_a_warning()
    {
        using var t = new TempDir("oc");
        WriteFile(Path.Combine(DataHome(t), "opencode.db"), "this is not sqlite, just text that is long enough to have a header");

        var (sessions, warnings) = Discover(new OpenCodeProvider(), Env(t));

        Assert.Empty(sessions);
        Assert.Contains(Path.Combine(DataHome(t), "opencode.db"), Assert.Single(warnings));
    }

    [Fact]
    public void Discovery_writes_nothing_into_the_data_home()
    {
        using var t = new TempDir("oc");
        var dir = Directory.CreateDirectory(t.Combine("p")).FullName;
        var db = new OpenCodeTestDb(Path.Combine(DataHome(t), "opencode.db"));
        db.Session("ses_a", dir);
        db.User("ses_a", "hi");
        LegacyStore(DataHome(t), dir);
        var before = Snapshot(DataHome(t));

        var (sessions, _) = Discover(new OpenCodeProvider(), Env(t));

        Assert.Equal(2, sessions.Count);
        Assert.Equal(before, Snapshot(DataHome(t)));
    }

    [Fact]
    public void A_database_opencode_has_open_is_read_beside_it_including_rows_still_in_the_wal()
    {
        using var t = new TempDir("oc");
        var dir = Directory.CreateDirectory(t.Combine("p")).FullName;
        var db = new OpenCodeTestDb(Path.Combine(DataHome(t), "opencode.db"));
        using var running = new SqliteConnection(db.ConnectionString);
        running.Open();
        using (var cmd = running.CreateCommand())
        {
            cmd.CommandText = "pragma wal_autocheckpoint = 0; insert into session (id, project_id, slug, directory, title, version, time_created, time_updated) " +
                              $"values ('ses_in_wal', 'global', 's', '{dir}', 'fresh', '1.18.33', 1, 2)";
            cmd.ExecuteNonQuery();
        }
        Assert.True(File.Exists(db.Path + "-wal"));
        var before = Snapshot(DataHome(t));

        var (sessions, warnings) = Discover(new OpenCodeProvider(), Env(t));

        Assert.Empty(warnings);
        Assert.Equal("fresh", Assert.Single(sessions).Title);
        Assert.Equal(before.Split('\n').Select(l => l.Split(' ')[0]), Snapshot(DataHome(t)).Split('\n').Select(l => l.Split(' ')[0]));
    }

    [Fact]
    public void A_closed_database_under_a_path_with_uri_characters_is_read_without_creating_files()
    {
        using var t = new TempDir("oc");
        var data = t.Combine("odd #dir% ?x");
        var dir = Directory.CreateDirectory(t.Combine("p")).FullName;
        new OpenCodeTestDb(Path.Combine(data, "opencode", "opencode.db")).Session("ses_odd", dir);
        var before = Snapshot(data);

        var (sessions, warnings) = Discover(new OpenCodeProvider(), Env(t).With("XDG_DATA_HOME", data));

        Assert.Empty(warnings);
        Assert.Equal("ses_odd", Assert.Single(sessions).Id);
        Assert.Equal(before, Snapshot(data));
    }

    [Fact]
    public void Legacy_json_storage_is_read_with_ids_from_paths_and_the_database_row_wins_for_a_migrated_session()
    {
        using var t = new TempDir("oc");
        var dir = Directory.CreateDirectory(t.Combine("p")).FullName;
        LegacyStore(DataHome(t), dir);
        WriteFile(Path.Combine(DataHome(t), "storage", "session", "global", "ses_migrated.json"),
            $$$"""{"id":"ses_migrated","projectID":"global","directory":"{{{Esc(dir)}}}","title":"old copy","version":"1.1.0","time":{"created":1,"updated":2}}""");
        new OpenCodeTestDb(Path.Combine(DataHome(t), "opencode.db")).Session("ses_migrated", dir, "db copy");

        var (sessions, warnings) = Discover(new OpenCodeProvider(), Env(t));

        Assert.Empty(warnings);
        var legacy = sessions.Single(s => s.Id == "ses_legacy");
        Assert.Equal("Legacy work", legacy.Title);
        Assert.Equal(dir, legacy.Directory);
        Assert.Equal(2, legacy.MessageCount);
        Assert.Equal("the first prompt", legacy.FirstPrompt);
        Assert.Equal("1.0.150", legacy.ProviderVersion);
        Assert.Contains("legacy JSON storage", legacy.Note);
        Assert.Equal(6, legacy.Files.Count); // session + 2 messages + 3 parts
        Assert.Equal(legacy.Files.Sum(f => new FileInfo(f).Length), legacy.SizeBytes);
        Assert.Equal("db copy", sessions.Single(s => s.Id == "ses_migrated").Title);
    }

    [Fact]
    public void A_truncated_legacy_session_file_is_a_warning_and_discovery_continues()
    {
        using var t = new TempDir("oc");
        var dir = Directory.CreateDirectory(t.Combine("p")).FullName;
        LegacyStore(DataHome(t), dir);
        var bad = Path.Combine(DataHome(t), "storage", "session", "global", "ses_bad.json");
        WriteFile(bad, """{"id":"ses_bad","directory":"/x","ti""");

        var (sessions, warnings) = Discover(new OpenCodeProvider(), Env(t));

        Assert.Equal("ses_legacy", Assert.Single(sessions).Id);
        Assert.Contains(bad, Assert.Single(warnings));
    }

    [Fact]
    public void Opencode_2_session_v2_rows_are_read_and_win_over_their_1x_copies()
    {
        using var t = new TempDir("oc");
        var dir = Directory.CreateDirectory(t.Combine("p")).FullName;
        var db = new OpenCodeTestDb(Path.Combine(DataHome(t), "opencode.db"));
        db.Session("ses_m", dir, "1.x title");
        db.Execute("""
            CREATE TABLE `session_v2` (`id` text PRIMARY KEY, `project_id` text NOT NULL, `workspace_id` text, `parent_id` text,
              `fork_session_id` text, `fork_boundary` text, `slug` text NOT NULL, `directory` text NOT NULL, `path` text, `title` text,
              `version` text NOT NULL, `time_created` integer NOT NULL, `time_updated` integer NOT NULL, `time_archived` integer);
            CREATE TABLE `session_message` (`id` text PRIMARY KEY, `session_id` text NOT NULL, `type` text NOT NULL, `seq` integer NOT NULL,
              `time_created` integer NOT NULL, `time_updated` integer NOT NULL, `data` text NOT NULL);
            """);
        db.Execute("insert into session_v2 (id, project_id, slug, directory, title, version, time_created, time_updated) values ('ses_m', 'global', 's', $d, '2.x title', '2.0.15', 1, 2)", ("$d", dir));
        db.Execute("""
            insert into session_message values ('m1', 'ses_m', 'user', 1, 1, 1, '{"text":"v2 prompt"}'),
              ('m2', 'ses_m', 'assistant', 2, 1, 1, '{}'), ('m3', 'ses_m', 'location-switched', 3, 1, 1, '{}')
            """);

        var s = Assert.Single(Discover(new OpenCodeProvider(), Env(t)).Sessions);

        Assert.Equal("2.x title", s.Title);
        Assert.Equal("2.0.15", s.ProviderVersion);
        Assert.Equal(2, s.MessageCount);
        Assert.Equal("v2 prompt", s.FirstPrompt);
    }

    internal static string Esc(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal);

    /// <summary>opencode ≤1.1 storage: one session with a user message (two parts) and an assistant message (one part).</summary>
    internal static void LegacyStore(string dataHome, string dir)
    {
        var s = Path.Combine(dataHome, "storage");
        WriteFile(Path.Combine(s, "project", "global.json"), """{"id":"global","worktree":"/","time":{"created":1}}""");
        WriteFile(Path.Combine(s, "session", "global", "ses_legacy.json"),
            $$$"""{"id":"ses_legacy","projectID":"global","directory":"{{{Esc(dir)}}}","title":"Legacy work","version":"1.0.150","time":{"created":1700000000000,"updated":1700000500000}}""");
        WriteFile(Path.Combine(s, "message", "ses_legacy", "msg_001.json"), """{"id":"msg_001","sessionID":"ses_legacy","role":"user","time":{"created":1}}""");
        WriteFile(Path.Combine(s, "message", "ses_legacy", "msg_002.json"), """{"id":"msg_002","sessionID":"ses_legacy","role":"assistant","path":{"cwd":"/x","root":"/x"}}""");
        WriteFile(Path.Combine(s, "part", "msg_001", "prt_001.json"), """{"type":"text","text":"attached file","synthetic":true}""");
        WriteFile(Path.Combine(s, "part", "msg_001", "prt_002.json"), """{"type":"text","text":"the first prompt"}""");
        WriteFile(Path.Combine(s, "part", "msg_002", "prt_003.json"), """{"type":"text","text":"answer"}""");
    }
}
