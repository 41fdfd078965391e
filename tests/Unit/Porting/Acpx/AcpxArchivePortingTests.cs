using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SameSession.Core.Errors;
using SameSession.Core.Operations;
using SameSession.Core.Operations.Import;
using SameSession.Core.Policy;
using SameSession.Core.Porting;
using SameSession.Core.Porting.Acpx;
using SameSession.Core.Providers;
using SameSession.Core.Providers.Acpx;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Sessions;
using SameSession.Tests.Unit.Relocation;

namespace SameSession.Tests.Unit.Porting.Acpx;

/// <summary>Export-AgentSession -Format Acpx and Import-AgentSession of an acpx archive, between two homes.</summary>
public sealed class AcpxArchivePortingTests : IDisposable
{
    private const string Id = "ses_0123456789abcdefABCDEFghij";
    private const string Agent = "npx -y opencode-ai acp";
    private static readonly string[] OldLines = ["{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"session/new\",\"params\":{\"cwd\":\"X\"}}"];
    private static readonly string[] NewLines = ["{\"jsonrpc\":\"2.0\",\"method\":\"session/update\",\"params\":{\"n\":2}}", "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"stopReason\":\"end_turn\"}}"];
    private readonly TempDir _t = new("acpxport");

    private AgentEnvironment A => new(_t.Combine("alice"));

    private AgentEnvironment B => new(_t.Combine("bob"));

    private static string Sessions(AgentEnvironment env) => Path.Combine(env.Home, ".acpx", "sessions");

    public void Dispose() => _t.Dispose();

    /// <summary>An acpx 0.19 record in alice's home for ~/src/api, a rotated segment and the active stream.</summary>
    private AgentSession AliceSession(string id = Id, bool live = false)
    {
        var sessions = Sessions(A);
        Directory.CreateDirectory(sessions);
        Directory.CreateDirectory(Path.Combine(A.Home, "src", "api"));
        var record = new JsonObject
        {
            ["schema"] = "acpx.session.v1", ["acpx_record_id"] = id, ["acp_session_id"] = id, ["agent_session_id"] = id,
            ["agent_command"] = Agent, ["cwd"] = Path.Combine(A.Home, "src", "api"), ["name"] = null,
            ["created_at"] = "2026-11-20T10:00:00.000Z", ["last_used_at"] = "2026-11-20T11:00:00.000Z", ["last_seq"] = 3,
            ["event_log"] = new JsonObject { ["active_path"] = AcpxNames.ActiveStream(sessions, id), ["segment_count"] = 2, ["max_segment_bytes"] = 67108864, ["max_segments"] = 5 },
            ["closed"] = false, ["pid"] = 2_000_000_000,
            ["messages"] = new JsonArray(new JsonObject { ["User"] = new JsonObject { ["id"] = "u1", ["content"] = new JsonArray(new JsonObject { ["Text"] = "hello acpx" }) } }),
        };
        File.WriteAllText(AcpxNames.RecordFile(sessions, id), record.ToJsonString() + "\n");
        File.WriteAllLines(AcpxNames.StreamSegment(sessions, id, 1), OldLines);
        File.WriteAllLines(AcpxNames.ActiveStream(sessions, id), NewLines);
        if (live) File.WriteAllText(AcpxNames.StreamLock(sessions, id), $"{{\"pid\":{Environment.ProcessId},\"created_at\":\"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ}\"}}");
        return Discover(A).Single(s => s.Id == id);
    }

    private static List<AgentSession> Discover(AgentEnvironment env) =>
        [.. new AcpxProvider().Discover(new DiscoveryContext(env, new RecordingObserver()))];

    private string Export(AgentSession session, string? name = null)
    {
        var path = _t.Combine(name ?? "archive.json");
        new ExportSessions(A, new RecordingObserver(), "test").Run(session, new ExportOptions(path, [], Format: ExportFormat.Acpx));
        return path;
    }

    private static ImportResult Import(AgentEnvironment env, string archive, IFailureInjector? crash = null) =>
        new ImportOperation(Porters.Installers, env, new RecordingObserver(), failureInjector: crash).Run(new ImportRequest(archive, []))!;

    [Fact]
    public void Export_writes_the_record_and_every_segment_oldest_first_as_an_acpx_archive()
    {
        var archive = Export(AliceSession());

        var history = new List<string>();
        using var input = File.OpenRead(archive);
        var header = Core.Capsules.Acpx.AcpxArchive.Read(input, m => history.Add(m.GetRawText()));
        Assert.Equal(Id, header.RecordId);
        Assert.Equal(Agent, header.Agent);
        Assert.Equal(Path.Combine("src", "api"), header.CwdRelative);
        Assert.Equal(Path.Combine("src", "api"), header.CwdOriginal);
        Assert.Null(header.CwdAbsoluteOriginal);
        Assert.Equal(Path.Combine("src", "api"), header.State.GetProperty("cwd").GetString()); // no absolute path leaves the machine, as acpx 0.19.1 exports
        Assert.Equal(".stream.ndjson", header.State.GetProperty("event_log").GetProperty("active_path").GetString());
        Assert.Equal("2026-11-20T11:00:00.000Z", header.UpdatedAt);
        Assert.Equal(Id, header.State.GetProperty("acp_session_id").GetString());
        Assert.Equal([.. OldLines, .. NewLines], history.Select(h => JsonSerializer.Serialize(JsonDocument.Parse(h).RootElement)));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(archive));
    }

    [Fact]
    public void Our_archive_imports_into_another_home_as_a_native_acpx_session_with_rebased_paths()
    {
        var archive = Export(AliceSession());
        var bobProject = Directory.CreateDirectory(Path.Combine(B.Home, "src", "api")).FullName;

        var result = Import(B, archive);

        Assert.True(result.Changed);
        Assert.Equal(bobProject, result.Cwd);
        Assert.NotEqual(Id, result.Id);
        Assert.True(Guid.TryParse(result.Id, out _));
        var found = Assert.Single(Discover(B));
        Assert.Equal(bobProject, found.Directory);
        var sessions = Sessions(B);
        var record = JsonNode.Parse(File.ReadAllText(AcpxNames.RecordFile(sessions, result.Id)))!.AsObject();
        Assert.Equal(result.Id, (string?)record["acpx_record_id"]);
        Assert.Equal(Id, (string?)record["acp_session_id"]);
        Assert.Equal(bobProject, (string?)record["cwd"]);
        Assert.Equal(AcpxNames.ActiveStream(sessions, result.Id), (string?)record["event_log"]!["active_path"]);
        Assert.Equal(1, (int?)record["event_log"]!["segment_count"]);
        Assert.False(record.ContainsKey("pid"));
        Assert.Equal(Id, (string?)record["imported_from"]!["record_id"]);
        Assert.Equal(Path.Combine("src", "api"), (string?)record["imported_from"]!["cwd_original"]);
        Assert.Equal(false, (bool?)record["closed"]);
        Assert.Equal([.. OldLines, .. NewLines], File.ReadAllLines(AcpxNames.ActiveStream(sessions, result.Id)));
        Assert.Equal(2, Directory.GetFiles(sessions).Length);
    }

    [Fact]
    public void Importing_the_same_archive_again_changes_nothing()
    {
        var archive = Export(AliceSession());
        var first = Import(B, archive);
        var before = TreeSnapshot.Take(Path.Combine(B.Home, ".acpx"));

        var again = Import(B, archive);

        Assert.False(again.Changed);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(before, TreeSnapshot.Take(Path.Combine(B.Home, ".acpx")));
    }

    [Fact]
    public void An_open_session_of_the_same_agent_and_cwd_is_in_the_way()
    {
        var archive = Export(AliceSession());
        var other = Export(AliceSession("ses_otherotherotherotherother0"), "other.json");
        Import(B, other);
        var before = TreeSnapshot.Take(Path.Combine(B.Home, ".acpx"));

        var ex = Assert.Throws<SameSessionException>(() => Import(B, archive));

        Assert.Equal(ErrorIds.DestinationExists, ex.Error);
        Assert.Equal(before, TreeSnapshot.Take(Path.Combine(B.Home, ".acpx")));
    }

    [Fact]
    public void A_running_session_in_the_way_is_refused_as_locked_and_a_running_source_is_not_exported()
    {
        var archive = Export(AliceSession());
        var live = AliceSession("ses_runningrunningrunning0000", live: true);
        Assert.True(live.IsLive);
        Assert.Equal(ErrorIds.SessionLocked, Assert.Throws<SameSessionException>(() => Export(live, "live.json")).Error);
        Assert.False(File.Exists(_t.Combine("live.json")));

        // Alice's own home: the running record has the archive's agent and cwd.
        Assert.Equal(ErrorIds.SessionLocked, Assert.Throws<SameSessionException>(() => Import(A, archive)).Error);
    }

    [Fact]
    public void A_crash_before_the_record_is_written_leaves_nothing_and_the_next_import_installs()
    {
        var archive = Export(AliceSession());
        Directory.CreateDirectory(Sessions(B));
        var before = TreeSnapshot.Take(Path.Combine(B.Home, ".acpx"));

        var counter = new CrashAt(int.MaxValue);
        var scratch = new AgentEnvironment(_t.Combine("scratch"));
        Directory.CreateDirectory(Sessions(scratch));
        Import(scratch, archive, counter);
        var crash = new CrashAt(counter.Seen.IndexOf("mark committed")); // every file staged, nothing committed
        Assert.Throws<SimulatedCrashException>(() => Import(B, archive, crash));
        JournalRecovery.RecoverAll(JournalStore.For(B));
        Assert.Equal(before, TreeSnapshot.Take(Path.Combine(B.Home, ".acpx")));

        Assert.True(Import(B, archive).Changed);
        Assert.Single(Discover(B));
    }

    [Fact]
    public void Format_acpx_is_for_acpx_sessions_only_and_takes_no_recipients()
    {
        var claude = new AgentSession { Provider = AgentProvider.ClaudeCode, Id = "c1", Directory = A.Home };
        var ex = Assert.Throws<SameSessionException>(() => new ExportSessions(A, new RecordingObserver(), "test")
            .Run(claude, new ExportOptions(_t.Combine("c.json"), [], Format: ExportFormat.Acpx)));
        Assert.Equal(ErrorIds.UnsupportedFormat, ex.Error);

        var recipient = Core.Crypto.Age.X25519Identity.Generate().Recipient;
        var ex2 = Assert.Throws<SameSessionException>(() => new ExportSessions(A, new RecordingObserver(), "test")
            .Run(AliceSession(), new ExportOptions(_t.Combine("r.json"), [recipient], Format: ExportFormat.Acpx)));
        Assert.Equal(ErrorIds.InvalidArgument, ex2.Error);
    }

    [Fact]
    public void A_folder_path_gets_provider_and_id_with_a_json_extension()
    {
        var folder = Directory.CreateDirectory(_t.Combine("out")).FullName;
        var result = new ExportSessions(A, new RecordingObserver(), "test").Run(AliceSession(), new ExportOptions(folder, [], Format: ExportFormat.Acpx))!;
        Assert.Equal(Path.Combine(folder, $"Acpx-{Id}.json"), result.Path);
    }

    [Fact]
    public void A_secret_in_the_stream_blocks_the_export_unless_redacted()
    {
        var session = AliceSession();
        const string secret = "AKIAIOSFODNN7EXAMPLQ";
        File.AppendAllText(AcpxNames.ActiveStream(Sessions(A), Id), $"{{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":{{\"key\":\"{secret}\"}}}}\n");
        var path = _t.Combine("s.json");
        var ex = Assert.Throws<SameSessionException>(() => new ExportSessions(A, new RecordingObserver(), "test").Run(session, new ExportOptions(path, [], Format: ExportFormat.Acpx)));
        Assert.Equal(ErrorIds.SecretFound, ex.Error);
        Assert.False(File.Exists(path));

        new ExportSessions(A, new RecordingObserver(), "test").Run(session, new ExportOptions(path, [], RedactSecrets: true, Format: ExportFormat.Acpx));
        var text = File.ReadAllText(path);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        using var input = File.OpenRead(path);
        Core.Capsules.Acpx.AcpxArchive.Read(input, _ => { }); // still a valid archive
    }

    [Theory]
    [InlineData("{\"format_version\":2,\"exported_at\":\"x\",\"exported_by\":\"u\",\"session\":{},\"history\":[]}", "UnsupportedFormat")]
    [InlineData("{\"exported_at\":\"x\",\"exported_by\":\"u\"}", "UnsupportedFormat")]
    [InlineData("{\"format_version\":1,\"exported_at\":\"x\",\"exported_by\":\"u\",\"session\":{\"record_id\":\"a\",\"na", "CapsuleCorrupt")]
    public void Malformed_archives_are_refused_before_anything_is_written(string json, string error)
    {
        var path = _t.Combine("bad.json");
        File.WriteAllText(path, json);
        var ex = Assert.Throws<SameSessionException>(() => Import(B, path));
        Assert.Equal(error, ex.Error.Name);
        Assert.False(Directory.Exists(Path.Combine(B.Home, ".acpx")));
    }

    [Theory]
    [InlineData("record_id", "../../../.ssh/authorized_keys")]
    [InlineData("record_id", "a/b")]
    [InlineData("acp_session_id", "..\\evil")]
    [InlineData("cwd_relative", "../../etc")]
    public void Ids_and_cwds_that_escape_their_folder_are_refused(string field, string value)
    {
        var archive = JsonNode.Parse(File.ReadAllText(Export(AliceSession())))!.AsObject();
        if (field == "acp_session_id") archive["session"]!["state"]![field] = value;
        else archive["session"]![field] = value;
        var path = _t.Combine("evil.json");
        File.WriteAllText(path, archive.ToJsonString());

        var ex = Assert.Throws<SameSessionException>(() => Import(B, path));
        Assert.Equal(ErrorIds.CapsuleCorrupt, ex.Error);
        Assert.False(Directory.Exists(Path.Combine(B.Home, ".acpx")));
    }

    [Theory]
    [InlineData("age-encryption.org/v1\n-> X25519 abc\n", false)]
    [InlineData("-----BEGIN AGE ENCRYPTED FILE-----\n", false)]
    [InlineData("\uFEFF  \n{\"format_version\":1}", true)]
    [InlineData("", false)]
    public void An_archive_is_told_from_a_capsule_by_its_first_character(string head, bool archive)
    {
        var path = _t.Combine("sniff");
        File.WriteAllText(path, head, new UTF8Encoding(false));
        Assert.Equal(archive, AcpxArchiveImport.IsArchive(path));
    }
}
