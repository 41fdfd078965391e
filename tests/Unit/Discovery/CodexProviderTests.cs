using Microsoft.Data.Sqlite;
using SameSession.Core.Operations;
using SameSession.Core.Providers;
using SameSession.Core.Providers.Codex;
using SameSession.Core.Sessions;

namespace SameSession.Tests.Unit.Discovery;

public sealed class CodexProviderTests : IDisposable
{
    private const string Id1 = "019f0000-0000-7000-8000-000000000001";
    private const string Id2 = "019f0000-0000-7000-8000-000000000002";
    private readonly TempDir _tmp = new("codex");
    private readonly CodexFixture _f;
    private readonly RecordingObserver _observer = new();
    private readonly string _cwd;

    public CodexProviderTests()
    {
        _f = new CodexFixture(_tmp.Path);
        _cwd = Directory.CreateDirectory(_tmp.Combine("work", "proj")).FullName;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _tmp.Dispose();
    }

    private List<AgentSession> Discover(AgentEnvironment? env = null, bool archived = false) =>
        new CodexProvider().Discover(new DiscoveryContext(env ?? _f.Environment(), _observer, archived)).ToList();

    private static string[] Conversation(string id, string cwd) =>
    [
        CodexFixture.Meta(id, cwd),
        CodexFixture.Message("developer", "<permissions instructions>sandbox</permissions instructions>"),
        CodexFixture.Message("user", "# AGENTS.md instructions for the repo"),
        CodexFixture.EnvironmentContext(cwd),
        CodexFixture.Message("user", "hello codex\nsecond line"),
        CodexFixture.Event("user_message", "hello codex"),
        CodexFixture.TurnContext(cwd),
        CodexFixture.FunctionCall(),
        CodexFixture.Message("assistant", "saw 2 messages", "2026-07-01T19:20:00.000Z"),
        CodexFixture.Event("agent_message", "saw 2 messages", "2026-07-01T19:20:01.000Z"),
    ];

    [Fact]
    public void Describes_a_rollout_without_the_database()
    {
        var path = _f.WriteRollout(Id1, Conversation(Id1, _cwd));
        var s = Assert.Single(Discover());
        Assert.Equal((AgentProvider.Codex, Id1), (s.Provider, s.Id));
        Assert.Equal(_cwd, s.Directory);
        Assert.Equal("hello codex\nsecond line", s.FirstPrompt);
        Assert.Equal("hello codex", s.Title);
        Assert.Equal("main", s.GitBranch);
        Assert.Equal("0.169.0", s.ProviderVersion);
        Assert.Equal(2, s.MessageCount);
        Assert.Equal(DateTimeOffset.Parse("2026-07-01T19:19:37.885Z", System.Globalization.CultureInfo.InvariantCulture), s.Created);
        Assert.Equal(DateTimeOffset.Parse("2026-07-01T19:20:01Z", System.Globalization.CultureInfo.InvariantCulture), s.Updated);
        Assert.Equal([path], s.Files);
        Assert.Equal(new FileInfo(path).Length, s.SizeBytes);
        Assert.False(s.IsOrphaned || s.IsLive || s.IsArchived);
        Assert.Empty(_observer.Warnings);
    }

    [Fact]
    public void Latest_turn_context_cwd_wins_over_the_meta_cwd()
    {
        var moved = Directory.CreateDirectory(_tmp.Combine("work", "moved")).FullName;
        _f.WriteRollout(Id1, [.. Conversation(Id1, _cwd), CodexFixture.TurnContext(moved, "2026-07-01T19:30:00.000Z")]);
        Assert.Equal(moved, Assert.Single(Discover()).Directory);
    }

    [Fact]
    public void Database_row_and_session_index_supply_title_and_cwd()
    {
        var path = _f.WriteRollout(Id1, Conversation(Id1, _cwd));
        var dbCwd = _tmp.Combine("db-cwd");
        var db = _f.CreateStateDb([(Id1, path, dbCwd, "db title", false)]);
        var s = Assert.Single(Discover());
        Assert.Equal("db title", s.Title);
        Assert.Equal(dbCwd, s.Directory);
        Assert.True(s.IsOrphaned);
        Assert.Equal("db-branch", s.GitBranch);
        Assert.Equal("0.170.0", s.ProviderVersion);
        Assert.Equal("proj-1", s.ProjectId);
        Assert.Equal([path, db], s.Files);

        _f.WriteSessionIndex((Id1, "old name"), (Id1, "renamed"));
        Assert.Equal("renamed", Assert.Single(Discover()).Title);
        Assert.Contains(_observer.Warnings, w => w.Contains("session_index.jsonl", StringComparison.Ordinal));
    }

    [Fact]
    public void Database_times_past_year_9999_are_ignored_not_fatal()
    {
        var path = _f.WriteRollout(Id1, Conversation(Id1, _cwd));
        var db = _f.CreateStateDb([(Id1, path, _cwd, "db title", false)]);
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False"))
        {
            c.Open();
            using var update = c.CreateCommand();
            update.CommandText = "UPDATE threads SET created_at = 9000000000000000, updated_at = -5, updated_at_ms = 9000000000000000000";
            Assert.Equal(1, update.ExecuteNonQuery());
        }
        var s = Assert.Single(Discover());
        Assert.Equal("db title", s.Title);
        Assert.NotNull(s.Created);
        Assert.True(s.Created!.Value.Year < 9999);
    }

    [Fact]
    public void Name_column_beats_the_title_column_when_present()
    {
        var path = _f.WriteRollout(Id1, Conversation(Id1, _cwd));
        _f.CreateStateDb([(Id1, path, _cwd, "db title", false)], withName: true);
        Assert.Equal("db name", Assert.Single(Discover()).Title);
    }

    [Fact]
    public void Honours_CODEX_HOME_and_CODEX_SQLITE_HOME()
    {
        var custom = _tmp.Combine("custom-codex");
        var path = _f.WriteRollout(Id1, Conversation(Id1, _cwd), root: custom);
        var sqliteHome = _tmp.Combine("sqlite-home");
        _f.CreateStateDb([(Id1, path, _cwd, "from sqlite home", false)], sqliteHome);
        _f.WriteRollout(Id2, Conversation(Id2, _cwd));

        var s = Assert.Single(Discover(_f.Environment(("CODEX_HOME", custom), ("CODEX_SQLITE_HOME", sqliteHome))));
        Assert.Equal(Id1, s.Id);
        Assert.Equal("from sqlite home", s.Title);
        Assert.Equal(Id2, Assert.Single(Discover()).Id);
    }

    [Fact]
    public void Archived_rollouts_only_with_IncludeArchived()
    {
        _f.WriteRollout(Id1, Conversation(Id1, _cwd));
        _f.WriteRollout(Id2, Conversation(Id2, _cwd), archived: true);
        Assert.Equal([Id1], Discover().Select(s => s.Id));
        var all = Discover(archived: true).ToDictionary(s => s.Id);
        Assert.True(all[Id2].IsArchived);
        Assert.False(all[Id1].IsArchived);
    }

    [Fact]
    public void Archived_flag_in_the_database_hides_a_rollout_still_under_sessions()
    {
        var path = _f.WriteRollout(Id1, Conversation(Id1, _cwd));
        _f.CreateStateDb([(Id1, path, _cwd, "t", true)]);
        Assert.Empty(Discover());
        Assert.True(Assert.Single(Discover(archived: true)).IsArchived);
    }

    [Fact]
    public void Zstd_rollout_is_reported_from_the_database_row()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_f.CodexHome, "sessions", "2026", "06", "01")).FullName;
        var zst = Path.Combine(dir, CodexFixture.RolloutName(Id1, new DateTime(2026, 6, 1)) + ".zst");
        File.WriteAllBytes(zst, [0x28, 0xB5, 0x2F, 0xFD, 1, 2, 3]);
        _f.CreateStateDb([(Id1, zst, _cwd, "compressed one", false)]);
        var s = Assert.Single(Discover());
        Assert.Equal(CodexSessionReader.ZstdNote, s.Note);
        Assert.Equal("compressed one", s.Title);
        Assert.Equal(_cwd, s.Directory);
        Assert.Equal("first from db", s.FirstPrompt);
        Assert.Equal(7, s.SizeBytes);
    }

    [Fact]
    public void Oldest_rollouts_without_session_meta_take_the_cwd_from_environment_context()
    {
        _f.WriteRollout(Id1,
        [
            $"{{\"id\":\"{Id1}\",\"timestamp\":\"2025-08-01T10:00:00.000Z\",\"instructions\":\"be nice\",\"git\":{{\"branch\":\"old\"}}}}",
            CodexFixture.EnvironmentContext(_cwd),
            CodexFixture.Message("user", "old prompt"),
        ]);
        var s = Assert.Single(Discover());
        Assert.Equal(_cwd, s.Directory);
        Assert.Equal("old", s.GitBranch);
        Assert.Equal("old prompt", s.FirstPrompt);
        Assert.Equal(1, s.MessageCount);
    }

    [Fact]
    public void Locked_database_is_a_warning_naming_it_and_rollouts_still_list()
    {
        var path = _f.WriteRollout(Id1, Conversation(Id1, _cwd));
        var db = _f.CreateStateDb([(Id1, path, _cwd, "db title", false)]);
        using var writer = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        writer.Open();
        using (var lockIt = writer.CreateCommand())
        {
            lockIt.CommandText = "PRAGMA journal_mode=DELETE; BEGIN EXCLUSIVE;";
            lockIt.ExecuteNonQuery();
        }
        var s = Assert.Single(Discover());
        Assert.Equal("hello codex", s.Title);
        Assert.Contains(_observer.Warnings, w => w.StartsWith(db, StringComparison.Ordinal) && w.Contains("locked", StringComparison.Ordinal));
    }

    [Fact]
    public void Database_without_a_threads_table_is_a_warning()
    {
        _f.WriteRollout(Id1, Conversation(Id1, _cwd));
        Directory.CreateDirectory(_f.CodexHome);
        var db = Path.Combine(_f.CodexHome, "state_5.sqlite");
        using (var c = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE other(x)";
            cmd.ExecuteNonQuery();
        }
        Assert.Single(Discover());
        Assert.Contains(_observer.Warnings, w => w.StartsWith(db, StringComparison.Ordinal));
    }

    [Fact]
    public void Truncated_and_malformed_lines_warn_and_discovery_goes_on()
    {
        var cut = _f.WriteRollout(Id1, Conversation(Id1, _cwd));
        File.AppendAllText(cut, CodexFixture.Message("assistant", "partial")[..30]);
        var bad = _f.WriteRollout(Id2, ["{garbage", CodexFixture.Message("user", "still here")]);
        var empty = Path.Combine(Path.GetDirectoryName(bad)!, CodexFixture.RolloutName("019f0000-0000-7000-8000-000000000003", new DateTime(2026, 7, 1, 1, 1, 1)));
        File.WriteAllText(empty, "");

        var found = Discover().ToDictionary(s => s.Id);
        Assert.Equal(2, found.Count);
        Assert.Equal(2, found[Id1].MessageCount);
        Assert.Equal("still here", found[Id2].FirstPrompt);
        Assert.Contains(_observer.Warnings, w => w.StartsWith(cut, StringComparison.Ordinal) && w.Contains("cut off", StringComparison.Ordinal));
        Assert.Contains(_observer.Warnings, w => w.StartsWith(bad, StringComparison.Ordinal));
    }

    [Fact]
    public void Held_writer_lock_means_live_and_a_leftover_lock_file_does_not()
    {
        _f.WriteRollout(Id1, Conversation(Id1, _cwd));
        _f.WriteRollout(Id2, Conversation(Id2, _cwd));
        var locks = Directory.CreateDirectory(Path.Combine(_f.CodexHome, CodexWriterLocks.DirectoryName)).FullName;
        File.WriteAllBytes(Path.Combine(locks, Id1 + ".lock"), []);
        File.WriteAllBytes(Path.Combine(locks, Id2 + ".lock"), []);
        using var held = new FileStream(Path.Combine(locks, Id1 + ".lock"), FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var live = Discover().ToDictionary(s => s.Id, s => s.IsLive);
        Assert.True(live[Id1]);
        Assert.False(live[Id2]);
    }

    [Fact]
    public void File_name_parsing_takes_the_trailing_uuid()
    {
        Assert.Equal(Id1, CodexSessionReader.IdFromFileName($"/x/rollout-2026-07-01T19-19-37-{Id1}.jsonl"));
        Assert.Equal(Id1, CodexSessionReader.IdFromFileName($"rollout-2026-07-01T19-19-37-{Id1}.jsonl.zst"));
        Assert.Null(CodexSessionReader.IdFromFileName("rollout-2026-07-01T19-19-37-nope.jsonl"));
    }
}
