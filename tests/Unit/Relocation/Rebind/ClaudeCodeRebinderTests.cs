using System.Text.Json.Nodes;
using SameSession.Core.Errors;
using SameSession.Core.Operations;
using SameSession.Core.Operations.Move;
using SameSession.Core.Relocation;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Relocation.Rebind.ClaudeCode;
using SameSession.Core.Sessions;

namespace SameSession.Tests.Unit.Relocation.Rebind;

public sealed class ClaudeCodeRebinderTests : IDisposable
{
    private readonly TempDir _tmp = new("crb");
    private string Home => _tmp.Combine("home");
    private string Claude => Path.Combine(Home, ".claude");
    private JournalStore Journal => new(_tmp.Combine("journal"));

    public void Dispose() => _tmp.Dispose();

    private IReadOnlyList<MoveResult> Move(IEnumerable<AgentSession> sessions, string? destination = null, PathMap? map = null, bool content = false, IOperationObserver? observer = null, AgentEnvironment? env = null, bool force = false) =>
        new MoveOperation(env ?? new AgentEnvironment(Home), observer ?? new RecordingObserver(), Journal)
            .Run(new MoveRequest { Sessions = sessions.ToList(), Destination = destination, Map = map, RewriteContent = content, Create = true, Force = force });

    [Fact]
    public void Real_fixture_session_moves_to_the_new_project_folder_with_every_cwd_rewritten()
    {
        var env = RealFixtures.Materialize("claude", "2.1.328", Home);
        var repo = Path.Combine(Home, "work", "repo");
        var session = RealFixtures.Discover(env, AgentProvider.ClaudeCode).Single(s => s.Directory == repo);
        var before = File.ReadAllLines(session.Files[0]);
        var dest = Path.Combine(Home, "work", "moved repo");

        var result = Assert.Single(Move([session], dest));

        Assert.Equal(MoveStatus.Moved, result.Status);
        Assert.Equal((repo, dest), (result.OldDirectory, result.NewDirectory));
        Assert.False(File.Exists(session.Files[0]));
        var moved = Path.Combine(Claude, "projects", ClaudeProjectFolder.Name(dest), session.Id + ".jsonl");
        var after = File.ReadAllLines(moved);
        Assert.Equal(before.Length, after.Length);
        for (var i = 0; i < before.Length; i++)
        {
            var o = JsonNode.Parse(before[i])!.AsObject();
            if (o["cwd"] is null && !before[i].Contains("workingDirectory", StringComparison.Ordinal)) Assert.Equal(before[i], after[i]);
            var n = JsonNode.Parse(after[i])!.AsObject();
            if (o["cwd"] is not null) Assert.Equal(dest, (string?)n["cwd"]);
            if (n["attachment"]?["snapshot"]?["workingDirectory"] is { } wd) Assert.Equal(dest, (string?)wd);
        }
        // Without -RewriteContent the text the model saw keeps the old path.
        Assert.Contains(after, l => l.Contains("\"api-request-blob\"", StringComparison.Ordinal) && l.Contains(repo, StringComparison.Ordinal));
        var again = RealFixtures.Discover(env, AgentProvider.ClaudeCode).Single(s => s.Id == session.Id);
        Assert.Equal(dest, again.Directory);
        Assert.Equal(session.MessageCount, again.MessageCount);
        Assert.Empty(Journal.PendingIds());
    }

    [Fact]
    public void RewriteContent_also_rewrites_text_the_model_saw()
    {
        var env = RealFixtures.Materialize("claude", "2.1.328", Home);
        var repo = Path.Combine(Home, "work", "plain");
        var session = RealFixtures.Discover(env, AgentProvider.ClaudeCode).Single(s => s.Directory == repo);
        var dest = Path.Combine(Home, "elsewhere");
        Assert.Equal(MoveStatus.Moved, Assert.Single(Move([session], dest, content: true)).Status);
        var text = File.ReadAllText(Path.Combine(Claude, "projects", ClaudeProjectFolder.Name(dest), session.Id + ".jsonl"));
        Assert.DoesNotContain(repo + "\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(repo + "/", text, StringComparison.Ordinal);
    }

    private static string Line(object o) => System.Text.Json.JsonSerializer.Serialize(o);

    /// <summary>A session with every sidecar §1.8 names: subagents, tool results, file history, thinking, history, config.</summary>
    private (AgentSession Session, string Folder) Synthetic(string id, string cwd)
    {
        var folder = Path.Combine(Claude, "projects", ClaudeProjectFolder.Name(cwd));
        Directory.CreateDirectory(Path.Combine(folder, id, "subagents"));
        Directory.CreateDirectory(Path.Combine(folder, id, "tool-results"));
        Directory.CreateDirectory(cwd);
        var toolResult = Path.Combine(folder, id, "tool-results", "t1.txt");
        File.WriteAllText(toolResult, "big output");
        File.WriteAllLines(Path.Combine(folder, id + ".jsonl"),
        [
            Line(new { type = "permission-mode", permissionMode = "default", sessionId = id }),
            Line(new { type = "user", sessionId = id, cwd, message = new { role = "user", content = $"look at {cwd}/a.txt" } }),
            Line(new { type = "assistant", sessionId = id, cwd = cwd + "/sub", message = new { role = "assistant", content = new object[]
            {
                new { type = "thinking", thinking = $"I will read {cwd}/a.txt", signature = "sig" },
                new { type = "tool_use", id = "tu1", name = "Read", input = new { file_path = cwd + "/a.txt" } },
            } } }),
            Line(new { type = "user", sessionId = id, cwd, toolUseResult = new { persistedOutputPath = toolResult } }),
            Line(new { type = "file-history-snapshot", snapshot = new { trackedFileBackups = new Dictionary<string, object> { [cwd + "/a.txt"] = new { backupFileName = "abc@v1" } } } }),
            Line(new { type = "brand-new-kind", blob = cwd }),
        ]);
        File.WriteAllLines(Path.Combine(folder, id, "subagents", "agent-a1.jsonl"), [Line(new { type = "user", sessionId = id, cwd, isSidechain = true })]);
        File.WriteAllText(Path.Combine(folder, id, "subagents", "agent-a1.meta.json"), "{\"agentType\":\"x\"}");
        var session = new AgentSession { Provider = AgentProvider.ClaudeCode, Id = id, Directory = cwd, Home = Claude, Files = [Path.Combine(folder, id + ".jsonl")] };
        return (session, folder);
    }

    [Fact]
    public void Synthetic_session_moves_sidecars_history_and_config_but_never_thinking()
    {
        var cwd = Path.Combine(Home, "src", "proj");
        var (session, folder) = Synthetic("11111111-1111-1111-1111-111111111111", cwd);
        File.WriteAllLines(Path.Combine(Claude, "history.jsonl"),
        [
            Line(new { display = "hi", project = cwd, sessionId = session.Id }),
            Line(new { display = "other", project = cwd, sessionId = "someone-else" }),
        ]);
        var dest = Path.Combine(Home, "code", "proj");
        var config = Path.Combine(Home, ".claude.json");
        File.WriteAllText(config, "{\n  \"numStartups\": 3,\n  \"projects\": {\n    \"" + cwd + "\": {\n      \"allowedTools\": [\"Bash\"],\n      \"hasTrustDialogAccepted\": true\n    },\n    \"" + dest + "\": {\n      \"hasTrustDialogAccepted\": false\n    }\n  },\n  \"zzz\": 1\n}\n");

        Assert.Equal(MoveStatus.Moved, Assert.Single(Move([session], dest, content: true)).Status);

        var newFolder = Path.Combine(Claude, "projects", ClaudeProjectFolder.Name(dest));
        Assert.False(Directory.Exists(folder));
        var lines = File.ReadAllLines(Path.Combine(newFolder, session.Id + ".jsonl"));
        Assert.Contains($"\"cwd\":\"{dest}/sub\"", lines[2], StringComparison.Ordinal);
        Assert.Contains($"\"thinking\":\"I will read {cwd}/a.txt\"", lines[2], StringComparison.Ordinal);
        Assert.Contains($"\"file_path\":\"{dest}/a.txt\"", lines[2], StringComparison.Ordinal);
        Assert.Contains(Path.Combine(newFolder, session.Id, "tool-results", "t1.txt"), lines[3], StringComparison.Ordinal);
        Assert.Contains($"\"{dest}/a.txt\":", lines[4], StringComparison.Ordinal);
        Assert.Contains($"\"blob\":\"{dest}\"", lines[5], StringComparison.Ordinal); // content mode: every non-thinking string
        Assert.Contains($"\"cwd\":\"{dest}\"", File.ReadAllText(Path.Combine(newFolder, session.Id, "subagents", "agent-a1.jsonl")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(newFolder, session.Id, "subagents", "agent-a1.meta.json")));
        var history = File.ReadAllLines(Path.Combine(Claude, "history.jsonl"));
        Assert.Contains($"\"project\":\"{dest}\"", history[0], StringComparison.Ordinal);
        Assert.Contains($"\"project\":\"{cwd}\"", history[1], StringComparison.Ordinal);
        var projects = JsonNode.Parse(File.ReadAllText(config))!["projects"]!.AsObject();
        Assert.False((bool)projects[dest]!["hasTrustDialogAccepted"]!); // existing entry wins
        Assert.Equal("Bash", (string?)projects[dest]!["allowedTools"]![0]); // merged in
        Assert.NotNull(projects[cwd]);
        Assert.StartsWith("{\n  \"numStartups\": 3,", File.ReadAllText(config), StringComparison.Ordinal);
    }

    [Fact]
    public void Project_memory_follows_the_last_session_out_of_its_folder_and_stays_while_others_remain()
    {
        var (first, folder) = Synthetic("22222222-2222-2222-2222-222222222222", Path.Combine(Home, "src", "renamed"));
        var (second, _) = Synthetic("33333333-3333-3333-3333-333333333333", first.Directory!);
        Directory.CreateDirectory(Path.Combine(folder, "memory", "topics"));
        File.WriteAllText(Path.Combine(folder, "memory", "MEMORY.md"), "- uses pnpm");
        File.WriteAllText(Path.Combine(folder, "memory", "topics", "build.md"), "build notes");
        var dest = Path.Combine(Home, "code", "renamed");
        var newFolder = Path.Combine(Claude, "projects", ClaudeProjectFolder.Name(dest));

        Assert.Equal(MoveStatus.Moved, Assert.Single(Move([first], dest)).Status);
        Assert.True(File.Exists(Path.Combine(folder, "memory", "MEMORY.md"))); // the other session still uses it
        Assert.False(Directory.Exists(Path.Combine(newFolder, "memory")));

        Assert.Equal(MoveStatus.Moved, Assert.Single(Move([second], dest)).Status);
        Assert.False(Directory.Exists(folder));
        Assert.Equal("- uses pnpm", File.ReadAllText(Path.Combine(newFolder, "memory", "MEMORY.md")));
        Assert.Equal("build notes", File.ReadAllText(Path.Combine(newFolder, "memory", "topics", "build.md")));
    }

    [Fact]
    public void Project_memory_follows_sessions_that_leave_their_folder_in_one_batch()
    {
        var (first, folder) = Synthetic("55555555-5555-5555-5555-555555555555", Path.Combine(Home, "src", "together"));
        var (second, _) = Synthetic("66666666-6666-6666-6666-666666666666", first.Directory!);
        File.WriteAllLines(Path.Combine(Claude, "history.jsonl"), [Line(new { display = "hi", project = first.Directory, sessionId = first.Id })]);
        Directory.CreateDirectory(Path.Combine(folder, "memory"));
        File.WriteAllText(Path.Combine(folder, "memory", "MEMORY.md"), "- uses pnpm");
        var dest = Path.Combine(Home, "code", "together");

        Assert.All(Move([first, second], dest), r => Assert.Equal(MoveStatus.Moved, r.Status));

        Assert.False(Directory.Exists(folder));
        Assert.Equal("- uses pnpm", File.ReadAllText(Path.Combine(Claude, "projects", ClaudeProjectFolder.Name(dest), "memory", "MEMORY.md")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // with history lines the two sessions share one merged transaction, retried one by one
    public void Project_memory_stays_while_a_session_of_its_folder_fails_to_leave(bool history)
    {
        var (first, folder) = Synthetic("77777777-7777-7777-7777-777777777777", Path.Combine(Home, "src", "half"));
        var (second, _) = Synthetic("88888888-8888-8888-8888-888888888888", first.Directory!);
        if (history)
            File.WriteAllLines(Path.Combine(Claude, "history.jsonl"), new[] { first, second }.Select(s => Line(new { display = "hi", project = s.Directory, sessionId = s.Id })));
        Directory.CreateDirectory(Path.Combine(folder, "memory"));
        File.WriteAllText(Path.Combine(folder, "memory", "MEMORY.md"), "- uses pnpm");
        var dest = Path.Combine(Home, "code", "half");
        var failing = Path.Combine(Claude, "projects", ClaudeProjectFolder.Name(dest), first.Id + ".jsonl") + ".ss-new";

        var results = new MoveOperation(new AgentEnvironment(Home), new RecordingObserver(), Journal, new FailAt("stage " + failing))
            .Run(new MoveRequest { Sessions = [first, second], Destination = dest, Create = true });

        Assert.Equal(MoveStatus.Failed, results.Single(r => r.Id == first.Id).Status);
        Assert.Equal(MoveStatus.Moved, results.Single(r => r.Id == second.Id).Status);
        Assert.True(File.Exists(Path.Combine(folder, first.Id + ".jsonl")));
        Assert.Equal("- uses pnpm", File.ReadAllText(Path.Combine(folder, "memory", "MEMORY.md")));
        Assert.False(Directory.Exists(Path.Combine(Claude, "projects", ClaudeProjectFolder.Name(dest), "memory")));
    }

    private sealed class FailAt(string action) : IFailureInjector
    {
        public void BeforeStep(int index, string step)
        {
            if (step == action) throw new IOException("injected failure at " + action);
        }
    }

    [Fact]
    public void Empty_project_memory_folder_does_not_keep_the_old_project_folder_alive()
    {
        var (session, folder) = Synthetic("44444444-4444-4444-4444-444444444444", Path.Combine(Home, "src", "old"));
        Directory.CreateDirectory(Path.Combine(folder, "memory"));
        var dest = Path.Combine(Home, "src", "new");
        Directory.CreateDirectory(Path.Combine(Claude, "projects", ClaudeProjectFolder.Name(dest), "memory"));
        File.WriteAllText(Path.Combine(Claude, "projects", ClaudeProjectFolder.Name(dest), "memory", "MEMORY.md"), "theirs");

        Assert.Equal(MoveStatus.Moved, Assert.Single(Move([session], dest)).Status);

        Assert.False(Directory.Exists(folder));
        Assert.Equal("theirs", File.ReadAllText(Path.Combine(Claude, "projects", ClaudeProjectFolder.Name(dest), "memory", "MEMORY.md")));
    }

    [Fact]
    public void Config_entry_is_added_with_the_files_own_spacing()
    {
        var json = "{\n  \"projects\": {\n    \"/a\": {\n      \"x\": 1\n    }\n  },\n  \"k\": 2\n}"u8.ToArray();
        var updated = System.Text.Encoding.UTF8.GetString(ClaudeConfigProjects.CopyEntry(json, "/a", "/b")!);
        Assert.Equal("{\n  \"projects\": {\n    \"/a\": {\n      \"x\": 1\n    },\n    \"/b\": {\n      \"x\": 1\n    }\n  },\n  \"k\": 2\n}", updated);
        Assert.Null(ClaudeConfigProjects.CopyEntry(json, "/missing", "/b"));
    }

    [Fact]
    public void Metadata_only_move_leaves_tool_inputs_alone()
    {
        var cwd = Path.Combine(Home, "src", "proj");
        var (session, _) = Synthetic("22222222-2222-2222-2222-222222222222", cwd);
        var dest = Path.Combine(Home, "code", "proj");
        Assert.Equal(MoveStatus.Moved, Assert.Single(Move([session], dest)).Status);
        var lines = File.ReadAllLines(Path.Combine(Claude, "projects", ClaudeProjectFolder.Name(dest), session.Id + ".jsonl"));
        Assert.Contains($"\"file_path\":\"{cwd}/a.txt\"", lines[2], StringComparison.Ordinal);
        Assert.Contains($"\"cwd\":\"{dest}/sub\"", lines[2], StringComparison.Ordinal);
        Assert.Contains($"\"blob\":\"{cwd}\"", lines[5], StringComparison.Ordinal);
    }

    [Fact]
    public void Live_session_is_refused_unless_forced()
    {
        var cwd = Path.Combine(Home, "src", "live");
        var (session, folder) = Synthetic("33333333-3333-3333-3333-333333333333", cwd);
        Directory.CreateDirectory(Path.Combine(Claude, "sessions"));
        File.WriteAllText(Path.Combine(Claude, "sessions", $"{Environment.ProcessId}.json"), Line(new { pid = Environment.ProcessId, sessionId = session.Id, cwd }));
        var dest = Path.Combine(Home, "code", "live");

        var refused = Assert.Single(Move([session], dest));
        Assert.Equal(MoveStatus.Failed, refused.Status);
        Assert.Equal(ErrorIds.SessionLocked.Name, refused.Error!.Id);
        Assert.True(File.Exists(Path.Combine(folder, session.Id + ".jsonl")));

        Assert.Equal(MoveStatus.Moved, Assert.Single(Move([session], dest, force: true)).Status);
    }

    [Fact]
    public void Batch_goes_on_past_a_failed_session_and_WhatIf_changes_nothing()
    {
        var (a, folderA) = Synthetic("44444444-4444-4444-4444-444444444444", Path.Combine(Home, "src", "p1"));
        var (b, _) = Synthetic("55555555-5555-5555-5555-555555555555", Path.Combine(Home, "src", "p2"));
        var ghost = a with { Id = "66666666-6666-6666-6666-666666666666", Files = [] };
        var dest = Path.Combine(Home, "src", "p");
        Directory.CreateDirectory(dest);

        var snapshot = TreeSnapshot.Take(Home);
        var observer = new RecordingObserver(approve: false);
        var planned = Move([a, b], dest, observer: observer);
        Assert.All(planned, r => Assert.Equal(MoveStatus.Skipped, r.Status));
        Assert.Equal(snapshot, TreeSnapshot.Take(Home));
        Assert.Contains(observer.Planned, p => p.Contains(Path.Combine(folderA, a.Id + ".jsonl"), StringComparison.Ordinal));

        var results = Move([a, ghost, b], dest);
        Assert.Equal([MoveStatus.Moved, MoveStatus.Failed, MoveStatus.Moved], results.Select(r => r.Status));
        Assert.Equal(ErrorIds.SessionNotFound.Name, results[1].Error!.Id);
        Assert.Equal(2, Directory.EnumerateFiles(Path.Combine(Claude, "projects", ClaudeProjectFolder.Name(dest)), "*.jsonl").Count());
    }

    [Fact]
    public void Refuses_to_overwrite_a_session_already_at_the_destination()
    {
        var (a, _) = Synthetic("77777777-7777-7777-7777-777777777777", Path.Combine(Home, "src", "p1"));
        Synthetic(a.Id, Path.Combine(Home, "src", "p2"));
        var r = Assert.Single(Move([a], Path.Combine(Home, "src", "p2")));
        Assert.Equal(ErrorIds.DestinationExists.Name, r.Error!.Id);
    }

    [Fact]
    public void Path_map_keeps_sub_directories()
    {
        var (a, _) = Synthetic("88888888-8888-8888-8888-888888888888", Path.Combine(Home, "src", "proj", "sub"));
        var r = Assert.Single(Move([a], map: PathMap.Of(Path.Combine(Home, "src"), Path.Combine(Home, "code"))));
        Assert.Equal(Path.Combine(Home, "code", "proj", "sub"), r.NewDirectory);
        Assert.True(File.Exists(Path.Combine(Claude, "projects", ClaudeProjectFolder.Name(r.NewDirectory!), a.Id + ".jsonl")));
    }

    [Theory]
    [InlineData("/home/u/my_project", "-home-u-my-project")]
    [InlineData(@"C:\Users\me\proj", "C--Users-me-proj")]
    [InlineData("/Users/me/.worktrees/x", "-Users-me--worktrees-x")]
    public void Project_folder_names_follow_claudes_encoding(string cwd, string expected) =>
        Assert.Equal(expected, ClaudeProjectFolder.Name(cwd));

    [Fact]
    public void Long_project_folder_names_get_a_hash_suffix()
    {
        var cwd = "/" + string.Join('/', Enumerable.Repeat("abcdefghij", 26));
        var name = ClaudeProjectFolder.Name(cwd);
        Assert.Equal(200, name.LastIndexOf('-'));
        Assert.Matches("^[0-9a-z]+$", name[201..]);
    }
}
