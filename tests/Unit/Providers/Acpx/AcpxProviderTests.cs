using System.Text.Json;
using SameSession.Core.Providers.Acpx;
using SameSession.Core.Sessions;
using static SameSession.Tests.Unit.Providers.ProviderTestKit;

namespace SameSession.Tests.Unit.Providers.Acpx;

public class AcpxProviderTests
{
    /// <summary>A pid above Linux's pid_max and Windows' range: never a running process.</summary>
    private const long DeadPid = 2_000_000_000;

    private static string Sessions(TempDir t) => t.Combine("home", ".acpx", "sessions");

    /// <summary>An acpx.session.v1 record as acpx 0.19 serializes it (snake_case, normalized messages).</summary>
    private static string Record(string id, string cwd, string sessionsDir, bool closed = false, string? title = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["schema"] = "acpx.session.v1",
            ["acpx_record_id"] = id,
            ["acp_session_id"] = "acp-" + id,
            ["agent_session_id"] = "ses_native1",
            ["agent_command"] = "npx -y opencode-ai acp",
            ["agent_argv"] = new[] { "npx", "-y", "opencode-ai", "acp" },
            ["cwd"] = cwd,
            ["name"] = "debug",
            ["created_at"] = "2026-11-20T10:00:00.000Z",
            ["last_used_at"] = "2026-11-20T11:00:00.000Z",
            ["updated_at"] = "2026-11-20T10:59:00.000Z",
            ["last_seq"] = 12,
            ["event_log"] = new Dictionary<string, object?>
            {
                ["active_path"] = Path.Combine(sessionsDir, Uri.EscapeDataString(id) + ".stream.ndjson"),
                ["segment_count"] = 5, ["max_segment_bytes"] = 67108864, ["max_segments"] = 5,
            },
            ["closed"] = closed,
            ["pid"] = DeadPid,
            ["title"] = title,
            ["messages"] = new object[]
            {
                new { User = new { id = "u1", content = new object[] { new { Text = "hello acpx" } } } },
                new { Agent = new { content = new object[] { new { Text = "hi" } }, tool_results = new { } } },
                "Resume",
                new { User = new { id = "u2", content = new object[] { new { Text = "again" } } } },
            },
            ["cumulative_token_usage"] = new { },
            ["request_token_usage"] = new { },
        });

    private static string WriteRecord(TempDir t, string id, string cwd, string? fileName = null, bool closed = false, string? title = null)
    {
        var path = Path.Combine(Sessions(t), fileName ?? AcpxNames.EncodeUriComponent(id) + ".json");
        WriteFile(path, Record(id, cwd, Sessions(t), closed, title));
        return path;
    }

    [Fact]
    public void Reads_a_record_with_its_stream_segments_counts_and_first_prompt()
    {
        using var t = new TempDir("acpx");
        var repo = GitRepo(t.Combine("repo"), "dev");
        var record = WriteRecord(t, "rec-1", repo, title: "Debugging");
        var active = Path.Combine(Sessions(t), "rec-1.stream.ndjson");
        var rotated = Path.Combine(Sessions(t), "rec-1.stream.1.ndjson");
        WriteFile(active, "{\"jsonrpc\":\"2.0\"}\n");
        WriteFile(rotated, "{\"jsonrpc\":\"2.0\",\"id\":1}\n");

        var (sessions, warnings) = Discover(new AcpxProvider(), Env(t));

        Assert.Empty(warnings);
        var s = Assert.Single(sessions);
        Assert.Equal(AgentProvider.Acpx, s.Provider);
        Assert.Equal("rec-1", s.Id);
        Assert.Equal("Debugging", s.Title);
        Assert.Equal(repo, s.Directory);
        Assert.Equal(repo, s.ProjectRoot);
        Assert.Equal("dev", s.GitBranch);
        Assert.Equal(3, s.MessageCount);
        Assert.Equal("hello acpx", s.FirstPrompt);
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), s.Created);
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T11:00:00Z", System.Globalization.CultureInfo.InvariantCulture), s.Updated);
        Assert.Equal([record, rotated, active], s.Files);
        Assert.Equal(s.Files.Sum(f => new FileInfo(f).Length), s.SizeBytes);
        Assert.Contains("npx -y opencode-ai acp", s.Note);
        Assert.Contains("ses_native1", s.Note);
        Assert.Contains("name: debug", s.Note);
        Assert.Equal(t.Combine("home", ".acpx"), s.Home);
        Assert.False(s.IsLive);
        Assert.False(s.IsOrphaned);
    }

    [Fact]
    public void An_untitled_record_is_titled_by_its_first_prompt()
    {
        using var t = new TempDir("acpx");
        WriteRecord(t, "untitled", Directory.CreateDirectory(t.Combine("p")).FullName);

        Assert.Equal("hello acpx", Assert.Single(Discover(new AcpxProvider(), Env(t)).Sessions).Title);
    }

    [Fact]
    public void A_record_whose_file_name_is_not_its_encoded_id_is_skipped_with_a_warning()
    {
        using var t = new TempDir("acpx");
        var cwd = Directory.CreateDirectory(t.Combine("p")).FullName;
        WriteRecord(t, "a b/c", cwd);
        var misnamed = WriteRecord(t, "rec-real", cwd, fileName: "rec-copy.json");

        var (sessions, warnings) = Discover(new AcpxProvider(), Env(t));

        Assert.Equal("a b/c", Assert.Single(sessions).Id);
        Assert.True(File.Exists(Path.Combine(Sessions(t), "a%20b%2Fc.json")));
        var w = Assert.Single(warnings);
        Assert.Contains(misnamed, w);
        Assert.Contains("rec-real.json", w);
    }

    [Fact]
    public void Truncated_and_foreign_json_files_are_warnings_and_discovery_continues()
    {
        using var t = new TempDir("acpx");
        var cwd = Directory.CreateDirectory(t.Combine("p")).FullName;
        WriteRecord(t, "good", cwd);
        var truncated = Path.Combine(Sessions(t), "cut.json");
        WriteFile(truncated, Record("cut", cwd, Sessions(t))[..120]);
        var foreign = Path.Combine(Sessions(t), "other.json");
        WriteFile(foreign, """{"schema":"something.else","acpx_record_id":"other"}""");
        WriteFile(Path.Combine(Sessions(t), "index.json"), """{"entries":[]}""");

        var (sessions, warnings) = Discover(new AcpxProvider(), Env(t));

        Assert.Equal("good", Assert.Single(sessions).Id);
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.StartsWith(truncated, StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith(foreign, StringComparison.Ordinal));
    }

    [Fact]
    public void Closed_records_are_listed_as_closed_and_a_missing_cwd_is_orphaned()
    {
        using var t = new TempDir("acpx");
        WriteRecord(t, "closed-one", t.Combine("gone"), closed: true);

        var s = Assert.Single(Discover(new AcpxProvider(), Env(t)).Sessions);
        Assert.False(s.IsArchived);
        Assert.StartsWith("closed; ", s.Note, StringComparison.Ordinal);
        Assert.True(s.IsOrphaned);
    }

    [Fact]
    public void A_stream_lock_held_by_a_running_pid_makes_the_session_live_and_a_stale_one_does_not()
    {
        using var t = new TempDir("acpx");
        var cwd = Directory.CreateDirectory(t.Combine("p")).FullName;
        WriteRecord(t, "held", cwd);
        WriteRecord(t, "stale", cwd);
        var now = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        WriteFile(Path.Combine(Sessions(t), "held.stream.lock"), $$"""{"pid":{{Environment.ProcessId}},"created_at":"{{now}}"}""");
        WriteFile(Path.Combine(Sessions(t), "stale.stream.lock"), $$"""{"pid":{{DeadPid}},"created_at":"2026-11-20T10:00:00Z"}""");

        var sessions = Discover(new AcpxProvider(), Env(t)).Sessions.ToDictionary(s => s.Id);

        Assert.True(sessions["held"].IsLive);
        Assert.False(sessions["stale"].IsLive);
    }

    [Fact]
    public void A_stream_lock_older_than_the_process_now_holding_its_pid_is_stale()
    {
        using var t = new TempDir("acpx");
        WriteRecord(t, "reused", Directory.CreateDirectory(t.Combine("p")).FullName);
        WriteFile(Path.Combine(Sessions(t), "reused.stream.lock"), $$"""{"pid":{{Environment.ProcessId}},"created_at":"2020-01-01T00:00:00Z"}""");

        Assert.False(Assert.Single(Discover(new AcpxProvider(), Env(t)).Sessions).IsLive);
    }

    [Fact]
    public void The_id_filter_skips_records_before_they_are_read()
    {
        using var t = new TempDir("acpx");
        var cwd = Directory.CreateDirectory(t.Combine("p")).FullName;
        WriteRecord(t, "wanted id", cwd);
        WriteFile(Path.Combine(Sessions(t), "unwanted.json"), "{ truncated");
        var observer = new SameSession.Core.Operations.RecordingObserver();
        var context = new SameSession.Core.Providers.DiscoveryContext(Env(t), observer) { IdFilter = id => id.StartsWith("wanted", StringComparison.Ordinal) };

        var sessions = new AcpxProvider().Discover(context).ToList();

        Assert.Equal("wanted id", Assert.Single(sessions).Id);
        Assert.Empty(observer.Warnings);
    }

    [Fact]
    public void A_queue_owner_lease_with_a_running_pid_makes_its_session_live()
    {
        using var t = new TempDir("acpx");
        var cwd = Directory.CreateDirectory(t.Combine("p")).FullName;
        WriteRecord(t, "queued", cwd);
        WriteRecord(t, "idle", cwd);
        var queues = t.Combine("home", ".acpx", "queues");
        WriteFile(Path.Combine(queues, "0123456789abcdef01234567.lock"),
            $$"""{"pid":{{Environment.ProcessId}},"sessionId":"queued","socketPath":"/tmp/x.sock","createdAt":"x","heartbeatAt":"x","ownerGeneration":1,"queueDepth":0}""");
        WriteFile(Path.Combine(queues, "fedcba9876543210fedcba98.lock"),
            $$"""{"pid":{{DeadPid}},"sessionId":"idle","socketPath":"/tmp/y.sock","createdAt":"x","heartbeatAt":"x","ownerGeneration":1,"queueDepth":0}""");

        var sessions = Discover(new AcpxProvider(), Env(t)).Sessions.ToDictionary(s => s.Id);

        Assert.True(sessions["queued"].IsLive);
        Assert.False(sessions["idle"].IsLive);
    }

    [Theory]
    [InlineData("plain-id_1.2", "plain-id_1.2")]
    [InlineData("a b", "a%20b")]
    [InlineData("x/y?z#", "x%2Fy%3Fz%23")]
    [InlineData("!~*'()", "!~*'()")]
    [InlineData("é", "%C3%A9")]
    public void Encodes_ids_like_encodeURIComponent(string id, string expected) =>
        Assert.Equal(expected, AcpxNames.EncodeUriComponent(id));
}
