using System.Text.Json;
using SameSession.Core.Providers.Gemini;
using SameSession.Core.Sessions;
using static SameSession.Tests.Unit.Providers.ProviderTestKit;

namespace SameSession.Tests.Unit.Providers.Gemini;

public class GeminiProviderTests
{
    private const string Sid = "0b6e5c1a-6f3e-4c1e-9d55-6f0a6c7e2d11";

    private static string Home(TempDir t) => t.Combine("home", ".gemini");

    private static string Line(object o) => JsonSerializer.Serialize(o) + "\n";

    private static void Registry(string home, params (string Path, string Slug)[] projects) =>
        WriteFile(Path.Combine(home, "projects.json"),
            JsonSerializer.Serialize(new { projects = projects.ToDictionary(p => p.Path, p => p.Slug) }));

    /// <summary>A 2026 JSONL chat: metadata line, a user prompt, a gemini reply re-written twice (same id),
    /// an info line, a rewound exchange, and a $set carrying the summary.</summary>
    private static string Jsonl(string sessionId = Sid) =>
        Line(new { sessionId, projectHash = "abc", startTime = "2026-11-20T09:00:00.000Z", lastUpdated = "2026-11-20T09:01:00.000Z", kind = "main" }) +
        Line(new { id = "m1", timestamp = "t", type = "user", content = new[] { new { text = "refactor the cache" } } }) +
        Line(new { id = "m2", timestamp = "t", type = "gemini", content = "working" }) +
        Line(new { id = "m2", timestamp = "t", type = "gemini", content = "done", tokens = new { input = 1, output = 2, cached = 0, total = 3 } }) +
        Line(new { id = "m3", timestamp = "t", type = "info", content = "model switched" }) +
        Line(new { id = "m4", timestamp = "t", type = "user", content = "undo that" }) +
        Line(new { id = "m5", timestamp = "t", type = "gemini", content = "undone" }) +
        Line(new Dictionary<string, string> { ["$rewindTo"] = "m4" }) +
        Line(new { id = "m6", timestamp = "t", type = "user", content = "thanks" }) +
        Line(new Dictionary<string, object> { ["$set"] = new { summary = "Refactor the cache", lastUpdated = "2026-11-20T10:30:00.000Z" } });

    [Fact]
    public void Reads_a_jsonl_chat_with_its_project_from_the_registry()
    {
        using var t = new TempDir("gem");
        var repo = GitRepo(t.Combine("code", "My App"), "main");
        Registry(Home(t), (repo, "my-app"));
        var chat = Path.Combine(Home(t), "tmp", "my-app", "chats", "session-2026-11-20T09-00-0b6e5c1a.jsonl");
        WriteFile(chat, Jsonl());

        var (sessions, warnings) = Discover(new GeminiProvider(), Env(t));

        Assert.Empty(warnings);
        var s = Assert.Single(sessions);
        Assert.Equal(AgentProvider.Gemini, s.Provider);
        Assert.Equal(Sid, s.Id);
        Assert.Equal("Refactor the cache", s.Title);
        Assert.Equal(repo, s.Directory);
        Assert.Equal(repo, s.ProjectRoot);
        Assert.Equal("main", s.GitBranch);
        Assert.Equal(3, s.MessageCount); // m1, m2 (deduplicated), m6; m3 is info; m4/m5 were rewound
        Assert.Equal("refactor the cache", s.FirstPrompt);
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture), s.Created);
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T10:30:00Z", System.Globalization.CultureInfo.InvariantCulture), s.Updated);
        Assert.Equal([chat], s.Files);
        Assert.Equal(new FileInfo(chat).Length, s.SizeBytes);
        Assert.Equal(Home(t), s.Home);
        Assert.False(s.IsOrphaned);
    }

    [Fact]
    public void A_project_folder_that_cannot_be_listed_is_a_warning_and_the_other_projects_are_read()
    {
        using var t = new TempDir("gem");
        var repo = GitRepo(t.Combine("code", "My App"), "main");
        Registry(Home(t), (repo, "my-app"));
        WriteFile(Path.Combine(Home(t), "tmp", "my-app", "chats", "session-2026-11-20T09-00-0b6e5c1a.jsonl"), Jsonl());
        // A name that is not UTF-8 cannot be opened under its decoded name (the same failure as a folder removed mid-scan).
        var made = SameSession.Core.Infrastructure.ProcessRunner.Run("bash", ["-c", "mkdir -p \"$0\"/$'proj\\xff'/chats", Path.Combine(Home(t), "tmp")], timeout: TimeSpan.FromSeconds(30));
        Assert.True(made.Succeeded, made.StdErr);

        var (sessions, warnings) = Discover(new GeminiProvider(), Env(t));

        Assert.Equal(Sid, Assert.Single(sessions).Id);
        Assert.Contains(warnings, w => w.Contains("proj", StringComparison.Ordinal) && w.Contains("could not be listed", StringComparison.Ordinal));
    }

    [Fact]
    public void Reads_a_legacy_json_chat_and_an_upgraded_pair_is_one_session()
    {
        using var t = new TempDir("gem");
        var dir = Directory.CreateDirectory(t.Combine("proj")).FullName;
        Registry(Home(t), (dir, "proj"));
        var chats = Path.Combine(Home(t), "tmp", "proj", "chats");
        var legacy = new
        {
            sessionId = "11111111-2222-3333-4444-555555555555", projectHash = "h", startTime = "2026-01-01T00:00:00Z",
            lastUpdated = "2026-01-01T00:05:00Z", summary = "Old chat",
            messages = new object[]
            {
                new { id = "a", timestamp = "t", type = "user", content = "legacy prompt" },
                new { id = "b", timestamp = "t", type = "gemini", content = "reply" },
                new { id = "c", timestamp = "t", type = "error", content = "quota" },
            },
        };
        WriteFile(Path.Combine(chats, "session-2026-01-01T00-00-11111111.json"), JsonSerializer.Serialize(legacy));
        var upgradedJson = Path.Combine(chats, "session-2026-02-01T00-00-0b6e5c1a.json");
        var upgradedJsonl = Path.Combine(chats, "session-2026-02-01T00-00-0b6e5c1a.jsonl");
        WriteFile(upgradedJson, JsonSerializer.Serialize(new { sessionId = Sid, projectHash = "h", startTime = "2026-02-01T00:00:00Z", lastUpdated = "2026-02-01T00:00:00Z", messages = Array.Empty<object>() }));
        WriteFile(upgradedJsonl, Jsonl());

        var (sessions, warnings) = Discover(new GeminiProvider(), Env(t));

        Assert.Empty(warnings);
        Assert.Equal(2, sessions.Count);
        var old = sessions.Single(s => s.Id == "11111111-2222-3333-4444-555555555555");
        Assert.Equal("Old chat", old.Title);
        Assert.Equal(2, old.MessageCount);
        Assert.Equal("legacy prompt", old.FirstPrompt);
        var upgraded = sessions.Single(s => s.Id == Sid);
        Assert.Equal(3, upgraded.MessageCount);
        Assert.Equal([upgradedJson, upgradedJsonl], upgraded.Files.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_project_root_marker_and_legacy_sha256_folders_give_the_directory_when_the_registry_lacks_it()
    {
        using var t = new TempDir("gem");
        var marked = Directory.CreateDirectory(t.Combine("marked")).FullName;
        var hashed = Directory.CreateDirectory(t.Combine("hashed")).FullName;
        Registry(Home(t), (hashed, "hashed"));
        WriteFile(Path.Combine(Home(t), "tmp", "marked", ".project_root"), marked);
        WriteFile(Path.Combine(Home(t), "tmp", "marked", "chats", "session-a.jsonl"), Jsonl("aaaaaaaa-0000-0000-0000-000000000000"));
        var hashFolder = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(hashed)));
        WriteFile(Path.Combine(Home(t), "tmp", hashFolder.ToLower(System.Globalization.CultureInfo.InvariantCulture), "chats", "session-b.jsonl"),
            Jsonl("bbbbbbbb-0000-0000-0000-000000000000"));
        WriteFile(Path.Combine(Home(t), "tmp", "mystery", "chats", "session-c.jsonl"), Jsonl("cccccccc-0000-0000-0000-000000000000"));

        var sessions = Discover(new GeminiProvider(), Env(t)).Sessions.ToDictionary(s => s.Id[..8]);

        Assert.Equal(marked, sessions["aaaaaaaa"].Directory);
        Assert.Equal(hashed, sessions["bbbbbbbb"].Directory);
        Assert.Null(sessions["cccccccc"].Directory);
        Assert.Contains("mystery", sessions["cccccccc"].Note);
        Assert.False(sessions["cccccccc"].IsOrphaned);
    }

    [Fact]
    public void A_chat_without_a_summary_is_titled_by_its_first_prompt()
    {
        using var t = new TempDir("gem");
        var dir = Directory.CreateDirectory(t.Combine("proj")).FullName;
        Registry(Home(t), (dir, "proj"));
        WriteFile(Path.Combine(Home(t), "tmp", "proj", "chats", "session-x.jsonl"),
            Line(new { sessionId = Sid, projectHash = "h", startTime = "2026-11-20T09:00:00Z", lastUpdated = "2026-11-20T09:00:00Z" }) +
            Line(new { id = "m1", timestamp = "t", type = "user", content = new[] { new { text = "first prompt in proj" } } }));

        Assert.Equal("first prompt in proj", Assert.Single(Discover(new GeminiProvider(), Env(t)).Sessions).Title);
    }

    [Fact]
    public void A_messages_checkpoint_in_set_is_not_counted_beside_message_lines_but_stands_in_when_there_are_none()
    {
        using var t = new TempDir("gem");
        var dir = Directory.CreateDirectory(t.Combine("proj")).FullName;
        Registry(Home(t), (dir, "proj"));
        var checkpoint = new Dictionary<string, object>
        {
            ["$set"] = new
            {
                messages = new object[]
                {
                    new { id = "ctx", type = "user", content = "This is the Gemini CLI. Setting up the context" },
                    new { id = "m1", type = "user", content = "from the checkpoint" },
                },
            },
        };
        var chats = Path.Combine(Home(t), "tmp", "proj", "chats");
        WriteFile(Path.Combine(chats, "session-a.jsonl"), Jsonl() + Line(checkpoint));
        WriteFile(Path.Combine(chats, "session-b.jsonl"),
            Line(new { sessionId = "bbbbbbbb-0000-0000-0000-000000000000", projectHash = "h" }) + Line(checkpoint));

        var sessions = Discover(new GeminiProvider(), Env(t)).Sessions.ToDictionary(s => s.Id[..8]);

        Assert.Equal(3, sessions[Sid[..8]].MessageCount);
        Assert.Equal("refactor the cache", sessions[Sid[..8]].FirstPrompt);
        Assert.Equal(2, sessions["bbbbbbbb"].MessageCount);
    }

    [Fact]
    public void A_resume_in_a_later_minute_adds_a_checkpoint_file_that_joins_the_same_session()
    {
        using var t = new TempDir("gem");
        var dir = Directory.CreateDirectory(t.Combine("proj")).FullName;
        Registry(Home(t), (dir, "proj"));
        var chats = Path.Combine(Home(t), "tmp", "proj", "chats");
        var context = new { id = "ctx", type = "user", content = new[] { new { text = "<session_context>\nThis is the Gemini CLI." } } };
        var original = Path.Combine(chats, "session-2026-11-20T09-00-0b6e5c1a.jsonl");
        var resumed = Path.Combine(chats, "session-2026-11-20T09-05-0b6e5c1a.jsonl");
        WriteFile(original, Jsonl() + Line(new { sessionId = Sid, projectHash = "abc", startTime = "2026-11-20T09:05:00Z", lastUpdated = "2026-11-20T09:05:00Z" }));
        WriteFile(resumed,
            Line(new { sessionId = Sid, projectHash = "abc", startTime = "2026-11-20T09:05:00Z", lastUpdated = "2026-11-20T11:00:00Z" }) +
            Line(new Dictionary<string, object> { ["$set"] = new { messages = new object[] { context, new { id = "m1", type = "user", content = "refactor the cache" } } } }));

        var s = Assert.Single(Discover(new GeminiProvider(), Env(t)).Sessions);

        Assert.Equal(3, s.MessageCount);
        Assert.Equal("refactor the cache", s.FirstPrompt);
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture), s.Created);
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T11:00:00Z", System.Globalization.CultureInfo.InvariantCulture), s.Updated);
        Assert.Equal([original, resumed], s.Files.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void GEMINI_CLI_HOME_replaces_the_home_directory()
    {
        using var t = new TempDir("gem");
        var dir = Directory.CreateDirectory(t.Combine("proj")).FullName;
        var alt = t.Combine("alt");
        Registry(Path.Combine(alt, ".gemini"), (dir, "proj"));
        WriteFile(Path.Combine(alt, ".gemini", "tmp", "proj", "chats", "session-x.jsonl"), Jsonl());
        WriteFile(Path.Combine(Home(t), "tmp", "proj", "chats", "session-y.jsonl"), Jsonl("99999999-0000-0000-0000-000000000000"));

        var env = Env(t).With("GEMINI_CLI_HOME", alt);
        var s = Assert.Single(Discover(new GeminiProvider(), env).Sessions);

        Assert.Equal(Sid, s.Id);
        Assert.Equal(Path.Combine(alt, ".gemini"), s.Home);
        Assert.Equal(Path.Combine(alt, ".gemini"), new GeminiProvider().ResolveHome(env));
    }

    [Fact]
    public void Malformed_lines_and_truncated_files_are_warnings_and_discovery_continues()
    {
        using var t = new TempDir("gem");
        var dir = Directory.CreateDirectory(t.Combine("proj")).FullName;
        Registry(Home(t), (dir, "proj"));
        var chats = Path.Combine(Home(t), "tmp", "proj", "chats");
        var partial = Path.Combine(chats, "session-partial.jsonl");
        WriteFile(partial, Jsonl() + "{\"id\":\"m9\",\"type\":\"gem");
        var truncated = Path.Combine(chats, "session-cut.json");
        WriteFile(truncated, "{\"sessionId\":\"x\",\"messages\":[");
        var headless = Path.Combine(chats, "session-headless.jsonl");
        WriteFile(headless, Line(new { id = "m1", type = "user", content = "no metadata" }));

        var (sessions, warnings) = Discover(new GeminiProvider(), Env(t));

        Assert.Equal(3, Assert.Single(sessions).MessageCount);
        Assert.Equal(3, warnings.Count);
        Assert.Contains(warnings, w => w.StartsWith(partial, StringComparison.Ordinal) && w.Contains("1 of 11 lines", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith(truncated, StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith(headless, StringComparison.Ordinal));
    }

    [Fact]
    public void Subagent_sessions_are_listed_with_their_parent_and_a_deleted_project_is_orphaned()
    {
        using var t = new TempDir("gem");
        var gone = t.Combine("deleted-project");
        Registry(Home(t), (gone, "deleted-project"));
        var chats = Path.Combine(Home(t), "tmp", "deleted-project", "chats");
        WriteFile(Path.Combine(chats, "session-main.jsonl"), Jsonl());
        WriteFile(Path.Combine(chats, Sid, "sub-1.jsonl"), Jsonl("22222222-0000-0000-0000-000000000000"));

        var sessions = Discover(new GeminiProvider(), Env(t)).Sessions;

        Assert.Equal(2, sessions.Count);
        Assert.All(sessions, s => Assert.True(s.IsOrphaned));
        Assert.All(sessions, s => Assert.Equal(gone, s.Directory));
        Assert.Contains($"subagent session of {Sid}", sessions.Single(s => s.Id.StartsWith("2222", StringComparison.Ordinal)).Note);
    }

    [Fact]
    public void Discovery_writes_nothing()
    {
        using var t = new TempDir("gem");
        var dir = Directory.CreateDirectory(t.Combine("proj")).FullName;
        Registry(Home(t), (dir, "proj"));
        WriteFile(Path.Combine(Home(t), "tmp", "proj", "chats", "session-x.jsonl"), Jsonl());
        var before = Snapshot(Home(t));

        Assert.Single(Discover(new GeminiProvider(), Env(t)).Sessions);
        Assert.Equal(before, Snapshot(Home(t)));
    }
}
