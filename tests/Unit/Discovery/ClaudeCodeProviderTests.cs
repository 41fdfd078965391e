using SameSession.Core.Operations;
using SameSession.Core.Providers;
using SameSession.Core.Providers.ClaudeCode;
using SameSession.Core.Sessions;

namespace SameSession.Tests.Unit.Discovery;

public sealed class ClaudeCodeProviderTests : IDisposable
{
    private readonly TempDir _tmp = new("claude");
    private readonly ClaudeFixture _f;
    private readonly RecordingObserver _observer = new();

    public ClaudeCodeProviderTests() => _f = new ClaudeFixture(_tmp.Path);

    public void Dispose() => _tmp.Dispose();

    private List<AgentSession> Discover(AgentEnvironment? env = null) =>
        new ClaudeCodeProvider().Discover(new DiscoveryContext(env ?? _f.Environment(), _observer)).ToList();

    private string ExistingDir(string name)
    {
        var d = _tmp.Combine("work", name);
        Directory.CreateDirectory(d);
        return d;
    }

    [Fact]
    public void Describes_a_session_from_its_lines()
    {
        var cwd = ExistingDir("proj");
        Directory.CreateDirectory(Path.Combine(cwd, ".git"));
        const string id = "5f0c1b2a-0000-4000-8000-000000000001";
        _f.Write(cwd, id,
        [
            ClaudeFixture.PermissionMode(id),
            ClaudeFixture.QueueOp(id),
            _f.Prompt(id, cwd, "<command-name>/clear</command-name>"),
            _f.Prompt(id, cwd, "Caveat: injected", meta: true),
            _f.Prompt(id, cwd, "fix the failing test\nin src/a.ts", branch: "feature/x"),
            _f.Assistant(id, cwd, "On it."),
            _f.ToolResult(id, cwd, "ok"),
            _f.Assistant(id, cwd, "Done.", branch: "feature/y", version: "2.1.330", timestamp: "2026-07-02T08:00:00.000Z"),
            ClaudeFixture.Unknown(),
        ]);

        var s = Assert.Single(Discover());
        Assert.Equal(id, s.Id);
        Assert.Equal(AgentProvider.ClaudeCode, s.Provider);
        Assert.Equal(cwd, s.Directory);
        Assert.Equal(cwd, s.ProjectRoot);
        Assert.Equal("fix the failing test\nin src/a.ts", s.FirstPrompt);
        Assert.Equal("fix the failing test", s.Title);
        Assert.Equal("feature/y", s.GitBranch);
        Assert.Equal("2.1.330", s.ProviderVersion);
        Assert.Equal(DateTimeOffset.Parse("2026-07-01T09:59:00Z", System.Globalization.CultureInfo.InvariantCulture), s.Created);
        Assert.Equal(DateTimeOffset.Parse("2026-07-02T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), s.Updated);
        Assert.Equal(4, s.MessageCount); // command + prompt + 2 assistant; the meta line and the tool-result line are excluded
        Assert.False(s.IsOrphaned);
        Assert.False(s.IsLive);
        Assert.Equal(_f.ClaudeHome, s.Home);
        Assert.Equal(new FileInfo(s.Files[0]).Length, s.SizeBytes);
        Assert.Empty(_observer.Warnings);
    }

    [Fact]
    public void Title_prefers_custom_then_ai_title_then_summary_and_the_last_one_wins()
    {
        var cwd = ExistingDir("t");
        _f.Write(cwd, "a0000000-0000-4000-8000-000000000001", [ClaudeFixture.Summary("old summary"), _f.Prompt("a", cwd, "hello")]);
        _f.Write(cwd, "a0000000-0000-4000-8000-000000000002", [_f.Prompt("b", cwd, "hello"), ClaudeFixture.AiTitle("b", "first ai"), ClaudeFixture.Summary("s"), ClaudeFixture.AiTitle("b", "second ai")]);
        _f.Write(cwd, "a0000000-0000-4000-8000-000000000003", [ClaudeFixture.CustomTitle("c", "mine"), _f.Prompt("c", cwd, "hello"), ClaudeFixture.AiTitle("c", "ai")]);
        var byId = Discover().ToDictionary(s => s.Id[^1]);
        Assert.Equal("old summary", byId['1'].Title);
        Assert.Equal("second ai", byId['2'].Title);
        Assert.Equal("mine", byId['3'].Title);
    }

    [Fact]
    public void Sidechain_and_meta_lines_and_nested_types_do_not_count()
    {
        var cwd = ExistingDir("c");
        const string id = "b0000000-0000-4000-8000-000000000001";
        _f.Write(cwd, id,
        [
            _f.Prompt(id, cwd, "go"),
            _f.Prompt(id, cwd, "sub task", sidechain: true),
            _f.Assistant(id, cwd, "sub answer", sidechain: true),
            _f.Progress(id, cwd),
            _f.Prompt(id, cwd, "text with \"type\":\"user\" and \\\"type\\\":\"assistant\" inside"),
            _f.Assistant(id, cwd, "{\"type\":\"user\"}"),
            ClaudeFixture.Unknown(),
        ]);
        Assert.Equal(3, Assert.Single(Discover()).MessageCount);
    }

    [Fact]
    public void Assistant_lines_of_one_api_message_count_once_and_mixed_tool_result_lines_count()
    {
        var cwd = ExistingDir("split");
        const string id = "b0000000-0000-4000-8000-000000000002";
        var mixed = _f.User(id, cwd, new System.Text.Json.Nodes.JsonArray(
            new System.Text.Json.Nodes.JsonObject { ["tool_use_id"] = "t", ["type"] = "tool_result", ["content"] = "x" },
            new System.Text.Json.Nodes.JsonObject { ["type"] = "text", ["text"] = "and also this" }));
        _f.Write(cwd, id,
        [
            _f.Prompt(id, cwd, "go"),
            _f.Assistant(id, cwd, "thinking part", messageId: "msg_A"),
            _f.Assistant(id, cwd, "text part", messageId: "msg_A"),
            _f.ToolResult(id, cwd, "result"),
            mixed,
            _f.Assistant(id, cwd, "next", messageId: "msg_B"),
        ]);
        Assert.Equal(4, Assert.Single(Discover()).MessageCount);
    }

    [Fact]
    public void Reads_cwd_from_lines_for_long_and_non_ascii_paths()
    {
        var longCwd = ExistingDir(string.Join("/", Enumerable.Repeat("a-very-long-directory-name", 10)));
        var unicodeCwd = ExistingDir("projé 日本 🚀");
        _f.Write(longCwd, "c0000000-0000-4000-8000-000000000001", [_f.Prompt("x", longCwd, "long")]);
        _f.Write(unicodeCwd, "c0000000-0000-4000-8000-000000000002", [_f.Prompt("y", unicodeCwd, "unicode")]);
        var folders = Directory.GetDirectories(Path.Combine(_f.ClaudeHome, "projects")).Select(Path.GetFileName).ToList();
        Assert.Contains(folders, n => n!.Length > 200 && n.Length < 215);

        var found = Discover().ToDictionary(s => s.FirstPrompt!);
        Assert.Equal(longCwd, found["long"].Directory);
        Assert.Equal(unicodeCwd, found["unicode"].Directory);
        Assert.False(found["unicode"].IsOrphaned);
    }

    [Fact]
    public void Missing_directory_is_orphaned()
    {
        var gone = _tmp.Combine("deleted-project");
        _f.Write(gone, "d0000000-0000-4000-8000-000000000001", [_f.Prompt("d", gone, "hi")]);
        var s = Assert.Single(Discover());
        Assert.True(s.IsOrphaned);
        Assert.Null(s.ProjectRoot);
    }

    [Fact]
    public void Collects_new_and_old_subagent_layouts_and_the_session_folder()
    {
        var cwd = ExistingDir("sub");
        const string id = "e0000000-0000-4000-8000-000000000001";
        var transcript = _f.Write(cwd, id, [_f.Prompt(id, cwd, "parent")]);
        var dir = Path.GetDirectoryName(transcript)!;
        var subagents = Directory.CreateDirectory(Path.Combine(dir, id, "subagents")).FullName;
        File.WriteAllText(Path.Combine(subagents, "agent-a1.jsonl"), _f.Prompt(id, cwd, "child", sidechain: true) + "\n");
        File.WriteAllText(Path.Combine(subagents, "agent-a1.meta.json"), "{\"agentType\":\"general\"}");
        Directory.CreateDirectory(Path.Combine(dir, id, "tool-results"));
        File.WriteAllText(Path.Combine(dir, id, "tool-results", "t1.txt"), "big output");
        File.WriteAllText(Path.Combine(dir, "agent-old1.jsonl"), _f.Prompt(id, cwd, "old child", sidechain: true) + "\n");
        File.WriteAllText(Path.Combine(dir, "agent-other.jsonl"), _f.Prompt("someone-else", cwd, "x", sidechain: true) + "\n");

        var s = Assert.Single(Discover());
        Assert.Equal(5, s.Files.Count);
        Assert.Equal(transcript, s.Files[0]);
        Assert.Contains(Path.Combine(dir, "agent-old1.jsonl"), s.Files);
        Assert.DoesNotContain(Path.Combine(dir, "agent-other.jsonl"), s.Files);
        Assert.Equal(s.Files.Sum(f => new FileInfo(f).Length), s.SizeBytes);
        Assert.Equal(1, s.MessageCount);
    }

    [Fact]
    public void Honours_CLAUDE_CONFIG_DIR_and_probes_the_old_config_location()
    {
        var cwd = ExistingDir("env");
        var custom = _tmp.Combine("custom-claude");
        _f.Write(cwd, "f0000000-0000-4000-8000-000000000001", [_f.Prompt("f", cwd, "in custom")], root: custom);
        _f.Write(cwd, "f0000000-0000-4000-8000-000000000002", [_f.Prompt("g", cwd, "in default")]);
        _f.Write(cwd, "f0000000-0000-4000-8000-000000000003", [_f.Prompt("h", cwd, "in old config")], root: _tmp.Combine(".config", "claude"));

        Assert.Equal(["in custom"], Discover(_f.Environment(("CLAUDE_CONFIG_DIR", custom))).Select(s => s.FirstPrompt));
        var all = Discover().Select(s => s.FirstPrompt).Order().ToList();
        Assert.Equal(["in default", "in old config"], all);
    }

    [Fact]
    public void Malformed_and_truncated_lines_warn_with_the_path_and_discovery_goes_on()
    {
        var cwd = ExistingDir("bad");
        var broken = _f.Write(cwd, "90000000-0000-4000-8000-000000000001", ["{not json", _f.Prompt("a", cwd, "survives"), _f.Assistant("a", cwd, "yes")]);
        var cut = _f.Write(cwd, "90000000-0000-4000-8000-000000000002", [_f.Prompt("b", cwd, "before the cut")]);
        File.AppendAllText(cut, _f.Assistant("b", cwd, "cut off")[..40]);
        _f.Write(cwd, "90000000-0000-4000-8000-000000000003", [_f.Prompt("c", cwd, "fine")]);
        File.WriteAllText(Path.Combine(_f.ProjectDir(cwd), "90000000-0000-4000-8000-000000000004.jsonl"), "");

        var found = Discover().ToDictionary(s => s.Id[^1]);
        Assert.Equal(3, found.Count); // the empty file is skipped
        Assert.Equal("survives", found['1'].FirstPrompt);
        Assert.Equal(2, found['1'].MessageCount);
        Assert.Equal(cwd, found['2'].Directory);
        Assert.Contains(_observer.Warnings, w => w.StartsWith(broken, StringComparison.Ordinal) && w.Contains("not valid JSON", StringComparison.Ordinal));
        Assert.Contains(_observer.Warnings, w => w.StartsWith(cut, StringComparison.Ordinal) && w.Contains("cut off", StringComparison.Ordinal));
    }

    [Fact]
    public void Live_registry_entry_with_a_running_pid_marks_the_session_live()
    {
        var cwd = ExistingDir("live");
        _f.Write(cwd, "11111111-0000-4000-8000-000000000001", [_f.Prompt("x", cwd, "running")]);
        _f.Write(cwd, "11111111-0000-4000-8000-000000000002", [_f.Prompt("y", cwd, "crashed")]);
        var sessions = Directory.CreateDirectory(Path.Combine(_f.ClaudeHome, "sessions")).FullName;
        var me = Environment.ProcessId;
        File.WriteAllText(Path.Combine(sessions, $"{me}.json"), $"{{\"pid\":{me},\"sessionId\":\"11111111-0000-4000-8000-000000000001\",\"cwd\":\"{cwd}\",\"startedAt\":{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}}");
        File.WriteAllText(Path.Combine(sessions, "2147483000.json"), "{\"pid\":2147483000,\"sessionId\":\"11111111-0000-4000-8000-000000000002\"}");
        File.WriteAllText(Path.Combine(sessions, "garbage.json"), "{");

        var live = Discover().ToDictionary(s => s.FirstPrompt!, s => s.IsLive);
        Assert.True(live["running"]);
        Assert.False(live["crashed"]);
        Assert.Contains(_observer.Warnings, w => w.Contains("garbage.json", StringComparison.Ordinal));
    }

    [Fact]
    public void Live_registry_start_time_out_of_range_is_ignored_not_fatal()
    {
        var cwd = ExistingDir("live-far");
        _f.Write(cwd, "11111111-0000-4000-8000-000000000003", [_f.Prompt("x", cwd, "far")]);
        var sessions = Directory.CreateDirectory(Path.Combine(_f.ClaudeHome, "sessions")).FullName;
        var me = Environment.ProcessId;
        File.WriteAllText(Path.Combine(sessions, $"{me}.json"), $"{{\"pid\":{me},\"sessionId\":\"11111111-0000-4000-8000-000000000003\",\"cwd\":\"{cwd}\",\"startedAt\":9000000000000000000}}");
        Assert.Equal("far", Assert.Single(Discover()).FirstPrompt);
    }

    [Fact]
    public void Id_filter_hint_skips_other_transcripts()
    {
        var cwd = ExistingDir("hint");
        _f.Write(cwd, "22222222-0000-4000-8000-000000000001", [_f.Prompt("a", cwd, "a")]);
        _f.Write(cwd, "33333333-0000-4000-8000-000000000001", [_f.Prompt("b", cwd, "b")]);
        var ctx = new DiscoveryContext(_f.Environment(), _observer) { IdFilter = id => id.StartsWith('2') };
        Assert.Equal("a", Assert.Single(new ClaudeCodeProvider().Discover(ctx)).FirstPrompt);
    }

    [Fact]
    public void Missing_home_yields_nothing()
    {
        Assert.Empty(Discover(_f.Environment(("CLAUDE_CONFIG_DIR", _tmp.Combine("nope")))));
    }
}
