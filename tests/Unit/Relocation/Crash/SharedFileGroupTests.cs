using System.Text.Json;
using System.Text.Json.Nodes;
using SameSession.Core.Operations;
using SameSession.Core.Operations.Move;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Relocation.Rebind.ClaudeCode;
using SameSession.Core.Sessions;

namespace SameSession.Tests.Unit.Relocation.Crash;

/// <summary>
/// Every Claude session's move edits the shared history.jsonl and ~/.claude.json. Sessions of one group merge those
/// edits into one write each and commit together: all of them moved or none, across a crash anywhere.
/// </summary>
public sealed class SharedFileGroupTests : IDisposable
{
    private const int Sessions = 4;
    private readonly TempDir _tmp = new("sfg");

    public void Dispose() => _tmp.Dispose();

    private string Home => _tmp.Combine("home");
    private string History => Path.Combine(Home, ".claude", "history.jsonl");
    private string Config => Path.Combine(Home, ".claude.json");

    private static string Id(int i) => $"5e1f7a20-0000-4000-8000-0000000000{i:x2}";
    private string Src(int i) => Path.Combine(Home, "src", $"p{i}");
    private string Code(int i) => Path.Combine(Home, "code", $"p{i}");

    private AgentEnvironment Reset()
    {
        if (Directory.Exists(Home)) Directory.Delete(Home, recursive: true);
        var history = new List<string> { Line(new { display = "elsewhere", project = "/home/dev/other", sessionId = "someone-else" }) };
        var projects = new JsonObject { ["/home/dev/other"] = new JsonObject { ["hasTrustDialogAccepted"] = true } };
        for (var i = 0; i < Sessions; i++)
        {
            Directory.CreateDirectory(Src(i));
            var folder = Path.Combine(Home, ".claude", "projects", ClaudeProjectFolder.Name(Src(i)));
            Directory.CreateDirectory(Path.Combine(folder, Id(i), "tool-results"));
            File.WriteAllLines(Path.Combine(folder, Id(i) + ".jsonl"), Enumerable.Range(0, 5).Select(n =>
                Line(new { type = "user", uuid = $"u{n}", sessionId = Id(i), cwd = Src(i), message = new { role = "user", content = $"step {n}" } })));
            File.WriteAllText(Path.Combine(folder, Id(i), "tool-results", "r.txt"), $"output {i}");
            history.Add(Line(new { display = $"first prompt {i}", project = Src(i), sessionId = Id(i) }));
            history.Add(Line(new { display = $"second prompt {i}", project = Src(i), sessionId = Id(i) }));
            projects[Src(i)] = new JsonObject { ["allowedTools"] = new JsonArray("Bash"), ["hasTrustDialogAccepted"] = true };
        }
        File.WriteAllLines(History, history);
        File.WriteAllText(Config, new JsonObject { ["numStartups"] = 3, ["projects"] = projects }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return new AgentEnvironment(Home);
    }

    /// <summary>The agent's data (the destination directories themselves are created before any transaction).</summary>
    private string Snapshot() => TreeSnapshot.Take(Home, [], rel => rel.StartsWith(".claude", StringComparison.Ordinal));

    private static string Line(object o) => JsonSerializer.Serialize(o);

    private MoveRequest Request(AgentEnvironment env) => new()
    {
        Sessions = RealFixtures.Discover(env, AgentProvider.ClaudeCode).OrderBy(s => s.Id, StringComparer.Ordinal).ToList(),
        Map = Core.Relocation.PathMap.Of(Path.Combine(Home, "src"), Path.Combine(Home, "code")),
        Create = true,
    };

    private MoveOperation Operation(AgentEnvironment env, string journal, IFailureInjector? injector = null) =>
        new(env, new RecordingObserver(), new JournalStore(_tmp.Combine(journal)), injector);

    private string ProjectOf(string historyLine) => (string)JsonNode.Parse(historyLine)!["project"]!;

    [Fact]
    public void Sessions_of_one_group_share_one_write_of_history_and_config_and_each_gets_its_own_lines()
    {
        var env = Reset();
        var counter = new CrashAt(-1);

        var results = Operation(env, "journal", counter).Run(Request(env));

        Assert.All(results, r => Assert.Equal(MoveStatus.Moved, r.Status));
        Assert.Single(counter.Seen, a => a == $"install {History}");
        Assert.Single(counter.Seen, a => a == $"install {Config}");
        Assert.Single(counter.Seen, a => a == "mark committed"); // one transaction for the four sessions
        var history = File.ReadAllLines(History);
        Assert.Equal("/home/dev/other", ProjectOf(history[0]));
        for (var i = 0; i < Sessions; i++)
        {
            Assert.Equal([Code(i), Code(i)], history.Where(l => l.Contains(Id(i), StringComparison.Ordinal)).Select(ProjectOf));
            Assert.True(File.Exists(Path.Combine(Home, ".claude", "projects", ClaudeProjectFolder.Name(Code(i)), Id(i) + ".jsonl")));
        }
        var projects = JsonNode.Parse(File.ReadAllText(Config))!["projects"]!.AsObject();
        Assert.All(Enumerable.Range(0, Sessions), i => Assert.Equal("Bash", (string?)projects[Code(i)]!["allowedTools"]![0]));
        Assert.NotNull(projects[Src(0)]);
    }

    [Fact]
    public void A_crash_anywhere_leaves_the_sessions_sharing_a_write_all_old_or_all_new()
    {
        Reset();
        var old = Snapshot();
        var counter = new CrashAt(-1);
        var env = Reset();
        Operation(env, "ref-journal", counter).Run(Request(env));
        var @new = Snapshot();
        Assert.Contains($"install {History}", counter.Seen);

        var seen = new HashSet<string>();
        for (var at = 0; at < counter.Seen.Count; at++)
        {
            env = Reset();
            var store = new JournalStore(_tmp.Combine($"journal-{at}"));
            Assert.Throws<SimulatedCrashException>(() => new MoveOperation(env, new RecordingObserver(), store, new CrashAt(at)).Run(Request(env)));
            new MoveOperation(env, new RecordingObserver(), store).Run(new MoveRequest { Sessions = [], Destination = Home });
            Assert.Empty(store.PendingIds());
            var now = Snapshot();
            Assert.True(now == old || now == @new, $"crash before action {at} ({counter.Seen[at]}) left a mixed state:\n{now}");
            seen.Add(now == old ? "old" : "new");
        }
        Assert.Equal(["old", "new"], seen.Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public void A_session_that_fails_inside_a_merged_group_fails_alone_and_keeps_its_history_lines()
    {
        var env = Reset();
        var failing = Path.Combine(Home, ".claude", "projects", ClaudeProjectFolder.Name(Code(2)), Id(2) + ".jsonl");

        var results = Operation(env, "journal", new FailStaging(failing)).Run(Request(env));

        Assert.Equal(MoveStatus.Failed, results.Single(r => r.Id == Id(2)).Status);
        Assert.All(results.Where(r => r.Id != Id(2)), r => Assert.Equal(MoveStatus.Moved, r.Status));
        var history = File.ReadAllLines(History);
        for (var i = 0; i < Sessions; i++)
            Assert.All(history.Where(l => l.Contains(Id(i), StringComparison.Ordinal)), l => Assert.Equal(i == 2 ? Src(i) : Code(i), ProjectOf(l)));
        var projects = JsonNode.Parse(File.ReadAllText(Config))!["projects"]!.AsObject();
        Assert.Null(projects[Code(2)]);
        Assert.NotNull(projects[Code(3)]);
        Assert.Empty(new JournalStore(_tmp.Combine("journal")).PendingIds());
    }

    [Fact]
    public void A_merged_group_whose_rolled_back_journal_cannot_be_removed_is_not_retried_and_recovery_keeps_it_old()
    {
        Reset();
        var old = Snapshot();
        var env = Reset();
        var failing = Path.Combine(Home, ".claude", "projects", ClaudeProjectFolder.Name(Code(2)), Id(2) + ".jsonl");
        var store = new JournalStore(_tmp.Combine("journal"));

        var results = new MoveOperation(env, new RecordingObserver(), store, new FailStaging(failing, alsoJournalRemoval: true)).Run(Request(env));

        // Retried alone, the others would commit while the merged journal stays: its later rollback would undo them.
        Assert.All(results, r => Assert.Equal(MoveStatus.Failed, r.Status));
        Assert.NotEmpty(store.PendingIds());
        new MoveOperation(env, new RecordingObserver(), store).Run(new MoveRequest { Sessions = [], Destination = Home });
        Assert.Empty(store.PendingIds());
        Assert.Equal(old, Snapshot());
        Assert.All(Operation(env, "journal").Run(Request(env)), r => Assert.Equal(MoveStatus.Moved, r.Status));
    }

    [Fact]
    public void A_history_line_with_an_unreadable_session_id_is_kept_and_does_not_stop_the_batch()
    {
        var env = Reset();
        const string bad = "{\"display\":\"cut emoji\",\"project\":\"/home/dev/other\",\"sessionId\":\"\\ud800\"}";
        File.AppendAllLines(History, [bad]);

        var results = Operation(env, "journal").Run(Request(env));

        Assert.All(results, r => Assert.Equal(MoveStatus.Moved, r.Status));
        Assert.Equal(bad, File.ReadAllLines(History)[^1]);
    }

    /// <summary>Fails every attempt to stage one file (as a full disk or a permission error would).</summary>
    private sealed class FailStaging(string path, bool alsoJournalRemoval = false) : IFailureInjector
    {
        public void BeforeStep(int index, string action)
        {
            if (action == $"stage {path}{".ss-new"}") throw new IOException($"injected failure staging {path}");
            if (alsoJournalRemoval && action == "delete rolled-back journal") throw new IOException("injected: the journal could not be deleted");
        }
    }
}
