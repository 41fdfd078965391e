using System.Text.Json;
using SameSession.Core.Operations;
using SameSession.Core.Operations.Move;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Relocation.Rebind.ClaudeCode;
using SameSession.Core.Sessions;

namespace SameSession.Tests.Unit.Relocation.Crash;

/// <summary>
/// Five sessions moved in one group commit (shared barriers) crash before each action of the group in turn;
/// after recovery every session on its own must be fully old or fully new.
/// </summary>
public sealed class GroupCrashTests : IDisposable
{
    private const int Sessions = 5;
    private readonly TempDir _tmp = new("gcr");

    public void Dispose() => _tmp.Dispose();

    private string Home => _tmp.Combine("home");

    private static string Id(int i) => $"9f0c2d1e-0000-4000-8000-0000000000{i:x2}";

    private AgentEnvironment Reset()
    {
        if (Directory.Exists(Home)) Directory.Delete(Home, recursive: true);
        for (var i = 0; i < Sessions; i++)
        {
            var src = Path.Combine(Home, "src", $"p{i}");
            Directory.CreateDirectory(src);
            var folder = Path.Combine(Home, ".claude", "projects", ClaudeProjectFolder.Name(src));
            Directory.CreateDirectory(Path.Combine(folder, Id(i), "tool-results"));
            File.WriteAllLines(Path.Combine(folder, Id(i) + ".jsonl"), Enumerable.Range(0, 10).Select(n =>
                JsonSerializer.Serialize(new { type = "user", uuid = $"u{n}", sessionId = Id(i), cwd = src, message = new { role = "user", content = $"step {n}" } })));
            File.WriteAllText(Path.Combine(folder, Id(i), "tool-results", "r.txt"), $"output {i}");
        }
        return new AgentEnvironment(Home);
    }

    private string Snapshot(int i) => TreeSnapshot.Take(Home, [], rel => rel.Contains(Id(i), StringComparison.Ordinal));

    private MoveRequest Request(AgentEnvironment env) => new()
    {
        Sessions = RealFixtures.Discover(env, AgentProvider.ClaudeCode).OrderBy(s => s.Id, StringComparer.Ordinal).ToList(),
        Map = Core.Relocation.PathMap.Of(Path.Combine(Home, "src"), Path.Combine(Home, "code")),
        Create = true,
    };

    [Fact]
    public void Every_session_of_a_group_is_fully_old_or_fully_new_after_a_crash_anywhere_in_the_group()
    {
        Reset();
        var old = Enumerable.Range(0, Sessions).Select(Snapshot).ToList();
        var counter = new CrashAt(-1);
        var env = Reset();
        var results = new MoveOperation(env, new RecordingObserver(), new JournalStore(_tmp.Combine("ref-journal")), counter).Run(Request(env));
        Assert.All(results, r => Assert.Equal(MoveStatus.Moved, r.Status));
        var @new = Enumerable.Range(0, Sessions).Select(Snapshot).ToList();
        // One group: one barrier of each kind for all five sessions.
        Assert.Equal(1, counter.Seen.Count(a => a == "sync staged files"));
        Assert.Equal(Sessions, counter.Seen.Count(a => a == "mark committed"));
        var afterPhase1 = counter.Seen.IndexOf("mark prepared");
        var installs = counter.Seen.Select((a, k) => (a, k)).Where(x => x.a.StartsWith("install ", StringComparison.Ordinal)).Select(x => x.k).ToList();
        Assert.True(afterPhase1 > counter.Seen.IndexOf("sync staged files") && installs.Count >= Sessions);

        var mixed = false;
        var crashPoints = Enumerable.Range(0, counter.Seen.Count).ToList();
        Assert.Contains(afterPhase1, crashPoints);
        Assert.Contains(installs[3], crashPoints); // mid phase 2: three of five sessions installed
        foreach (var at in crashPoints)
        {
            env = Reset();
            var store = new JournalStore(_tmp.Combine($"journal-{at}"));
            Assert.Throws<SimulatedCrashException>(() => new MoveOperation(env, new RecordingObserver(), store, new CrashAt(at)).Run(Request(env)));
            new MoveOperation(env, new RecordingObserver(), store).Run(new MoveRequest { Sessions = [], Destination = Home });
            Assert.Empty(store.PendingIds());
            var states = Enumerable.Range(0, Sessions).Select(i =>
            {
                var now = Snapshot(i);
                Assert.True(now == old[i] || now == @new[i], $"crash before action {at} ({counter.Seen[at]}) left session {i} mixed:\n{now}");
                return now == @new[i];
            }).ToList();
            mixed |= states.Distinct().Count() == 2;
        }
        Assert.True(mixed, "no crash point left some sessions moved and others not: the group was not independent per session");
    }
}
