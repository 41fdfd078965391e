using System.Text.Json;
using Microsoft.Data.Sqlite;
using SameSession.Core.Operations;
using SameSession.Core.Providers.Acpx;
using SameSession.Core.Providers.ClaudeCode;
using SameSession.Core.Sessions;
using SameSession.Core.Sessions.Cache;
using SameSession.Tests.Unit.Providers.OpenCode;

namespace SameSession.Tests.Unit.Discovery;

/// <summary>
/// What the description cache may keep and what it must look at fresh on every run: a warm run always equals a cold
/// scan, whatever changed in between.
/// </summary>
public sealed class CachedDiscoveryTests : IDisposable
{
    private const string ClaudeId = "5f0c1b2a-0000-4000-8000-0000000000c1";
    private readonly TempDir _tmp = new("cached");
    private readonly ClaudeFixture _claude;
    private readonly string _cwd;

    public CachedDiscoveryTests()
    {
        _claude = new ClaudeFixture(_tmp.Path);
        _cwd = _tmp.Combine("work", "proj");
        Directory.CreateDirectory(Path.Combine(_cwd, ".git"));
    }

    public void Dispose() => _tmp.Dispose();

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private string CacheDir => _tmp.Combine(".cache", "samesession", DescriptionCache.FolderName);

    private (List<AgentSession> Sessions, VerboseObserver Observer) Find(bool noCache = false)
    {
        var observer = new VerboseObserver();
        var found = new SessionCatalog(_claude.Environment()).Find(new SessionQuery { NoCache = noCache, IncludeArchived = true }, observer).ToList();
        return (found, observer);
    }

    /// <summary>A warm run (cache read) gives exactly what a cold scan gives; returns the warm sessions.</summary>
    private List<AgentSession> WarmEqualsCold()
    {
        var warm = Find();
        Assert.Equal(JsonSerializer.Serialize(Find(noCache: true).Sessions, Json), JsonSerializer.Serialize(warm.Sessions, Json));
        return warm.Sessions;
    }

    private string WriteClaude() => _claude.Write(_cwd, ClaudeId,
    [
        _claude.Prompt(ClaudeId, _cwd, "fix the parser"),
        _claude.Assistant(ClaudeId, _cwd, "done", messageId: "msg_1"),
    ]);

    [Fact]
    public void A_sidecar_file_added_after_caching_counts_in_size_and_files()
    {
        var transcript = WriteClaude();
        Find();
        var before = WarmEqualsCold().Single();
        Assert.Equal([transcript], before.Files);

        var sidecar = Path.Combine(Path.GetDirectoryName(transcript)!, ClaudeId, "subagents", "agent-a1.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(sidecar)!);
        File.WriteAllText(sidecar, new string('x', 1234));
        var after = WarmEqualsCold().Single();
        Assert.Equal([transcript, sidecar], after.Files);
        Assert.Equal(before.SizeBytes + 1234, after.SizeBytes);

        File.AppendAllText(sidecar, "more");
        Assert.Equal(before.SizeBytes + 1238, WarmEqualsCold().Single().SizeBytes);
    }

    [Fact]
    public void A_transcript_appended_to_since_caching_is_read_again()
    {
        var transcript = WriteClaude();
        Find();
        Assert.Equal(2, WarmEqualsCold().Single().MessageCount);
        File.AppendAllText(transcript, _claude.Prompt(ClaudeId, _cwd, "and the lexer") + "\n");
        Assert.Equal(3, WarmEqualsCold().Single().MessageCount);
    }

    [Fact]
    public void A_cache_file_of_another_layout_version_is_rebuilt_silently()
    {
        WriteClaude();
        Find();
        var file = Path.Combine(CacheDir, ClaudeTranscriptFacts.StoreName + ".facts");
        var bytes = File.ReadAllBytes(file);
        bytes[8]++; // the codec version follows the magic number and the format version
        File.WriteAllBytes(file, bytes);

        var run = Find();
        Assert.Empty(run.Observer.Warnings);
        Assert.Contains(run.Observer.Verbose, m => m.Contains(file, StringComparison.Ordinal) && m.Contains("layout", StringComparison.Ordinal));
        WarmEqualsCold();
        var reloaded = new VerboseObserver();
        Assert.Single(FactsStore<ClaudeTranscriptFacts>.Load(file, ClaudeTranscriptFacts.Codec, reloaded).Paths);
        Assert.Empty(reloaded.Verbose);
    }

    [Fact]
    public void The_old_json_cache_folder_is_removed_when_the_new_one_is_written()
    {
        var old = _tmp.Combine(".cache", "samesession", "catalog-v1");
        Directory.CreateDirectory(old);
        File.WriteAllText(Path.Combine(old, "claude.json"), "{}");
        WriteClaude();
        Find();
        Assert.False(Directory.Exists(old));
    }

    private string OpenCodeDb => _tmp.Combine(".local", "share", "opencode", "opencode.db");

    [Fact]
    public void Opencode_rows_are_cached_until_the_database_or_its_wal_changes()
    {
        var db = new OpenCodeTestDb(OpenCodeDb);
        db.Session("ses_a", _cwd, "First title");
        db.User("ses_a", "hello");
        Find();
        Assert.False(File.Exists(Path.Combine(CacheDir, "opencode.facts"))); // written just now: its mtime cannot tell the next write
        Settle();
        Find();
        Assert.True(File.Exists(Path.Combine(CacheDir, "opencode.facts")));
        Assert.Equal("First title", WarmEqualsCold().Single(s => s.Id == "ses_a").Title);

        // A writer that stays open commits into the WAL only; the main file keeps its size and mtime.
        using var writer = new SqliteConnection(db.ConnectionString);
        writer.Open();
        var mainBefore = (new FileInfo(OpenCodeDb).Length, File.GetLastWriteTimeUtc(OpenCodeDb));
        Execute(writer, "PRAGMA journal_mode=WAL");
        Execute(writer, "update session set title = 'Second title' where id = 'ses_a'");
        Assert.Equal(mainBefore, (new FileInfo(OpenCodeDb).Length, File.GetLastWriteTimeUtc(OpenCodeDb)));
        Settle();
        Assert.Equal("Second title", WarmEqualsCold().Single(s => s.Id == "ses_a").Title);

        Execute(writer, "insert into session (id, project_id, slug, directory, title, version, time_created, time_updated) " +
                        "values ('ses_b', 'global', 's', '/', 'New one', '1', 1763000000000, 1763000000000)");
        Settle();
        Assert.Contains(WarmEqualsCold(), s => s.Id == "ses_b");
    }

    /// <summary>Dates opencode's database files a minute back, as if written long enough ago for their mtimes to be trusted.</summary>
    private void Settle()
    {
        foreach (var f in new[] { OpenCodeDb, OpenCodeDb + "-wal" }.Where(File.Exists))
            File.SetLastWriteTimeUtc(f, File.GetLastWriteTimeUtc(f).AddMinutes(-1));
    }

    [Fact]
    public void Archived_opencode_sessions_come_from_the_cache_only_when_asked_for()
    {
        var db = new OpenCodeTestDb(OpenCodeDb);
        db.Session("ses_live", _cwd, "Kept");
        db.Session("ses_old", _cwd, "Archived", archived: 1_763_000_200_000);
        Find();
        var observer = new VerboseObserver();
        var plain = new SessionCatalog(_claude.Environment()).Find(new SessionQuery(), observer);
        Assert.Equal(["ses_live"], plain.Select(s => s.Id));
        var byId = new SessionCatalog(_claude.Environment()).Find(new SessionQuery { Ids = ["ses_old"], IncludeArchived = true }, observer);
        Assert.Equal(["ses_old"], byId.Select(s => s.Id));
        Assert.Empty(observer.Warnings);
    }

    private static void Execute(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private string AcpxSessions => _tmp.Combine(".acpx", "sessions");

    private string WriteAcpx(string id, string title)
    {
        Directory.CreateDirectory(AcpxSessions);
        var path = Path.Combine(AcpxSessions, AcpxNames.EncodeUriComponent(id) + ".json");
        File.WriteAllText(path, JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["schema"] = AcpxNames.Schema,
            ["acpx_record_id"] = id,
            ["cwd"] = _cwd,
            ["title"] = title,
            ["created_at"] = "2026-11-20T10:00:00.000Z",
            ["updated_at"] = "2026-11-20T10:59:00.000Z",
            ["event_log"] = new Dictionary<string, object?> { ["max_segments"] = 3 },
            ["messages"] = new object[] { new { User = new { id = "u1", content = new object[] { new { Text = "hello" } } } } },
        }));
        return path;
    }

    [Fact]
    public void Acpx_records_are_cached_but_segments_locks_and_rewrites_are_seen_fresh()
    {
        var record = WriteAcpx("rec-1", "First");
        Find();
        Assert.True(File.Exists(Path.Combine(CacheDir, AcpxRecordFacts.StoreName + ".facts")));
        var cached = WarmEqualsCold().Single();
        Assert.Equal([record], cached.Files);
        Assert.False(cached.IsLive);

        var segment = Path.Combine(AcpxSessions, "rec-1.stream.2.ndjson");
        var active = Path.Combine(AcpxSessions, "rec-1.stream.ndjson");
        File.WriteAllText(segment, "{}\n");
        File.WriteAllText(active, "{}\n{}\n");
        var withStreams = WarmEqualsCold().Single();
        Assert.Equal([record, segment, active], withStreams.Files);
        Assert.Equal(cached.SizeBytes + 9, withStreams.SizeBytes);

        // A stream lock held by a running process (this one) makes the session live on the very next run.
        File.WriteAllText(Path.Combine(AcpxSessions, "rec-1.stream.lock"),
            JsonSerializer.Serialize(new { pid = Environment.ProcessId, created_at = DateTimeOffset.UtcNow.ToString("O") }));
        Assert.True(WarmEqualsCold().Single().IsLive);

        WriteAcpx("rec-1", "Renamed in place");
        Assert.Equal("Renamed in place", WarmEqualsCold().Single().Title);
    }

    [Fact]
    public void A_malformed_acpx_record_warns_on_every_run()
    {
        WriteAcpx("rec-ok", "Fine");
        Directory.CreateDirectory(AcpxSessions);
        var broken = Path.Combine(AcpxSessions, "rec-bad.json");
        File.WriteAllText(broken, "{\"schema\": \"acpx.session.v1\", ");
        for (var run = 0; run < 3; run++)
        {
            var (sessions, observer) = Find();
            Assert.Equal(["rec-ok"], sessions.Select(s => s.Id));
            Assert.Contains(observer.Warnings, w => w.Contains(broken, StringComparison.Ordinal));
        }
    }
}
