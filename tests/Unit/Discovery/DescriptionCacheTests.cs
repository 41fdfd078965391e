using System.Text.Json;
using SameSession.Core.Operations;
using SameSession.Core.Providers.ClaudeCode;
using SameSession.Core.Sessions.Cache;
using SameSession.Core.Sessions;

namespace SameSession.Tests.Unit.Discovery;

public sealed class DescriptionCacheTests : IDisposable
{
    private const string ClaudeId = "5f0c1b2a-0000-4000-8000-000000000001";
    private const string CodexId = "019f0000-0000-7000-8000-000000000002";
    private readonly TempDir _tmp = new("cache");
    private readonly ClaudeFixture _claude;
    private readonly CodexFixture _codex;
    private readonly string _cwd;
    private readonly string _transcript;

    public DescriptionCacheTests()
    {
        _claude = new ClaudeFixture(_tmp.Path);
        _codex = new CodexFixture(_tmp.Path);
        _cwd = _tmp.Combine("work", "proj");
        Directory.CreateDirectory(Path.Combine(_cwd, ".git"));
        _transcript = _claude.Write(_cwd, ClaudeId,
        [
            _claude.Prompt(ClaudeId, _cwd, "fix the parser"),
            _claude.Assistant(ClaudeId, _cwd, "done", messageId: "msg_1"),
            ClaudeFixture.AiTitle(ClaudeId, "Parser fix"),
        ]);
        _codex.WriteRollout(CodexId,
        [
            CodexFixture.Meta(CodexId, _cwd),
            CodexFixture.Message("user", "add a test"),
            CodexFixture.Message("assistant", "added"),
        ]);
        var chats = _tmp.Combine(".gemini", "tmp", "proj", "chats");
        Directory.CreateDirectory(chats);
        File.WriteAllText(Path.Combine(chats, "session-2026-11-20T09-00-0b6e5c1a.jsonl"),
            Line(new { sessionId = GeminiId, projectHash = "abc", startTime = "2026-11-20T09:00:00.000Z", lastUpdated = "2026-11-20T09:01:00.000Z", kind = "main" }) +
            Line(new { id = "m1", timestamp = "t", type = "user", content = new[] { new { text = "refactor the cache" } } }) +
            Line(new { id = "m2", timestamp = "t", type = "gemini", content = "done" }));
    }

    private const string GeminiId = "0b6e5c1a-6f3e-4c1e-9d55-6f0a6c7e2d11";

    private static string Line(object o) => JsonSerializer.Serialize(o) + "\n";

    public void Dispose() => _tmp.Dispose();

    private string CacheDir => _tmp.Combine(".cache", "samesession", "catalog-v2");

    private string CacheFile(string store) => Path.Combine(CacheDir, store + ".facts");

    /// <summary>The paths a store file holds, read the way discovery reads it (no verbose message means it loaded cleanly).</summary>
    private IReadOnlyCollection<string> CachedPaths(string store)
    {
        var observer = new VerboseObserver();
        var paths = FactsStore<ClaudeTranscriptFacts>.Load(CacheFile(store), ClaudeTranscriptFacts.Codec, observer).Paths;
        Assert.Empty(observer.Verbose);
        return paths;
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private (List<AgentSession> Sessions, VerboseObserver Observer) Find(bool noCache = false, AgentEnvironment? env = null)
    {
        var observer = new VerboseObserver();
        var found = new SessionCatalog(env ?? _claude.Environment()).Find(new SessionQuery { NoCache = noCache }, observer).ToList();
        return (found, observer);
    }

    private static string Snapshot(IEnumerable<AgentSession> sessions) => JsonSerializer.Serialize(sessions, Json);

    [Fact]
    public void A_warm_run_returns_exactly_what_a_cold_scan_returns_and_stores_in_samesession_own_folder()
    {
        var cold = Find(noCache: true).Sessions;
        Assert.Equal(3, cold.Count);
        Assert.Equal(2, cold.Single(s => s.Id == GeminiId).MessageCount);
        var first = Find().Sessions;
        Assert.True(File.Exists(CacheFile("claude")));
        Assert.True(File.Exists(CacheFile("codex")));
        Assert.True(File.Exists(CacheFile("gemini")));
        var warm = Find();
        Assert.Equal(Snapshot(cold), Snapshot(first));
        Assert.Equal(Snapshot(cold), Snapshot(warm.Sessions));
        Assert.Empty(warm.Observer.Warnings);
        Assert.Empty(Directory.EnumerateFiles(_claude.ClaudeHome, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Appending_a_line_invalidates_the_entry()
    {
        Find();
        Assert.Equal(2, Find().Sessions.Single(s => s.Id == ClaudeId).MessageCount);
        File.AppendAllText(_transcript, _claude.Prompt(ClaudeId, _cwd, "and the lexer") + "\n");
        var after = Find().Sessions.Single(s => s.Id == ClaudeId);
        Assert.Equal(3, after.MessageCount);
        Assert.Equal(Snapshot(Find(noCache: true).Sessions), Snapshot(Find().Sessions));
    }

    [Fact]
    public void Orphan_state_is_computed_fresh_on_a_cache_hit()
    {
        Assert.False(Find().Sessions.Single(s => s.Id == ClaudeId).IsOrphaned);
        Directory.Delete(_cwd, recursive: true);
        var warm = Find().Sessions;
        Assert.True(warm.Single(s => s.Id == ClaudeId).IsOrphaned);
        Assert.True(warm.Single(s => s.Id == CodexId).IsOrphaned);
    }

    [Fact]
    public void A_corrupted_cache_file_is_ignored_with_a_verbose_message_and_rebuilt()
    {
        var cold = Snapshot(Find(noCache: true).Sessions);
        Find();
        var file = CacheFile("claude");
        var good = File.ReadAllBytes(file);
        File.WriteAllBytes(file, good[..(good.Length / 2)]);
        var run = Find();
        Assert.Equal(cold, Snapshot(run.Sessions));
        Assert.Empty(run.Observer.Warnings);
        Assert.Contains(run.Observer.Verbose, m => m.Contains(file, StringComparison.Ordinal) && m.Contains("rebuilt", StringComparison.Ordinal));
        Assert.Contains(_transcript, CachedPaths("claude"));
    }

    [Fact]
    public void No_cache_by_query_or_by_environment_writes_nothing()
    {
        Find(noCache: true);
        Find(env: _claude.Environment(("SAMESESSION_NO_CACHE", "1")));
        Assert.False(Directory.Exists(_tmp.Combine(".cache")));
    }

    [Fact]
    public void Entries_of_deleted_files_are_pruned()
    {
        Find();
        Assert.Contains(_transcript, CachedPaths("claude"));
        File.Delete(_transcript);
        Find();
        Assert.DoesNotContain(_transcript, CachedPaths("claude"));
    }

    [Fact]
    public void Concurrent_runs_leave_a_valid_cache()
    {
        var cold = Snapshot(Find(noCache: true).Sessions);
        var results = new string[4];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i] = Snapshot(Find().Sessions));
        Assert.All(results, r => Assert.Equal(cold, r));
        var after = Find();
        Assert.Equal(cold, Snapshot(after.Sessions));
        Assert.DoesNotContain(after.Observer.Verbose, m => m.Contains("could not", StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(CacheDir, "*.tmp"));
    }

    [Fact]
    public void A_save_removes_temp_files_abandoned_by_a_killed_run_but_not_recent_ones()
    {
        Find();
        var abandoned = CacheFile("claude") + ".4242.0123456789abcdef.tmp";
        var recent = CacheFile("claude") + ".4243.fedcba9876543210.tmp";
        File.WriteAllBytes(abandoned, [1, 2, 3]);
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddHours(-1));
        File.WriteAllBytes(recent, [1, 2, 3]);
        File.AppendAllText(_transcript, _claude.Prompt(ClaudeId, _cwd, "one more") + "\n");
        Find();
        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(recent));
    }

    [Fact]
    public void A_corrupt_entry_count_is_refused_before_anything_is_allocated_for_it()
    {
        Find();
        var file = CacheFile("claude");
        var bytes = File.ReadAllBytes(file);
        BitConverter.GetBytes(1 << 24).CopyTo(bytes, 12);   // magic, layout, codec version, then the count
        File.WriteAllBytes(file, bytes);
        var observer = new VerboseObserver();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var store = FactsStore<ClaudeTranscriptFacts>.Load(file, ClaudeTranscriptFacts.Codec, observer);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 * bytes.Length + (1 << 20), "the corrupt count pre-sized the map");
        Assert.Empty(store.Paths);
        Assert.Contains(observer.Verbose, m => m.Contains("out of range", StringComparison.Ordinal));
    }

    [Fact]
    public void Prompts_with_a_lone_surrogate_read_back_from_the_cache_exactly_as_scanned()
    {
        // Output cut inside an emoji: JSON.stringify writes the lone half as an escape, which UTF-8 cannot carry.
        const string id = "44444444-0000-4000-8000-000000000004";
        var prompt = new string('x', 76) + "\ud83d\ude00 then \ud83d cut";
        _claude.Write(_cwd, id, [_claude.Prompt(id, _cwd, prompt.Replace("\ud83d cut", "LONE cut", StringComparison.Ordinal)).Replace("LONE", "\\ud83d", StringComparison.Ordinal)]);
        var cold = Find(noCache: true).Sessions.Single(s => s.Id == id);
        Assert.Equal(prompt, cold.FirstPrompt);
        Assert.EndsWith("x...", cold.Title, StringComparison.Ordinal);   // the title is never cut between an emoji's halves
        Find();
        var reloaded = new VerboseObserver();
        Assert.Contains(FactsStore<ClaudeTranscriptFacts>.Load(CacheFile("claude"), ClaudeTranscriptFacts.Codec, reloaded).Paths,
            p => p.Contains(id, StringComparison.Ordinal));   // read back, not rebuilt
        Assert.Empty(reloaded.Verbose);
        var warm = Find().Sessions.Single(s => s.Id == id);
        Assert.Equal(prompt, warm.FirstPrompt);
        Assert.Equal(Snapshot(Find(noCache: true).Sessions), Snapshot(Find().Sessions));
    }
}
