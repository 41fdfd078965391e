using System.Text.Json;
using SameSession.Core.Operations;
using SameSession.Core.Operations.Move;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Relocation.Rebind.ClaudeCode;
using SameSession.Core.Sessions;

namespace SameSession.Tests.Unit.Relocation.Crash;

/// <summary>A deterministic world with one session to move, rebuilt at the same path before every crash run.</summary>
internal sealed record CrashWorld(string Home, AgentProvider Provider, string Source, string Destination, Action<string> Seed)
{
    public string[] Databases => Provider == AgentProvider.Codex ? [Path.Combine(Home, ".codex", "state_5.sqlite")] : [];

    public AgentEnvironment Reset()
    {
        if (Directory.Exists(Home)) Directory.Delete(Home, recursive: true);
        Seed(Home);
        return new AgentEnvironment(Home);
    }

    /// <summary>The agents' data only (dot-folders and dot-files of the home), not the project directories.</summary>
    public string Snapshot() => TreeSnapshot.Take(Home, Databases, rel => rel.StartsWith('.'));

    public AgentSession Session(AgentEnvironment env) => RealFixtures.Discover(env, Provider).Single(s => s.Directory == Source);

    public MoveRequest Request(AgentSession s) => new() { Sessions = [s], Destination = Destination, Create = true };

    /// <summary>The world before and after an uninterrupted move, and how many journal actions the move takes.</summary>
    public (string Old, string New, int Actions) References(string journalDir)
    {
        var env = Reset();
        var old = Snapshot();
        var counter = new CrashAt(-1);
        var r = new MoveOperation(env, new RecordingObserver(), new JournalStore(journalDir), counter).Run(Request(Session(env)));
        if (r[0].Status != MoveStatus.Moved) throw new InvalidOperationException(r[0].Error?.Message);
        return (old, Snapshot(), counter.Seen.Count);
    }

    /// <summary>A Claude session with subagents, tool results, history and a config entry.</summary>
    public static CrashWorld Claude(string home, int subagents = 6, int lines = 40)
    {
        var src = Path.Combine(home, "src", "proj");
        return new CrashWorld(home, AgentProvider.ClaudeCode, src, Path.Combine(home, "code", "proj"), h =>
        {
            const string id = "9f0c2d1e-0000-4000-8000-00000000c0de";
            var claude = Path.Combine(h, ".claude");
            var folder = Path.Combine(claude, "projects", ClaudeProjectFolder.Name(src));
            Directory.CreateDirectory(Path.Combine(folder, id, "subagents"));
            Directory.CreateDirectory(Path.Combine(folder, id, "tool-results"));
            Directory.CreateDirectory(src);
            string L(object o) => JsonSerializer.Serialize(o);
            File.WriteAllLines(Path.Combine(folder, id + ".jsonl"), Enumerable.Range(0, lines).Select(i => i % 3 == 0
                ? L(new { type = "attachment", sessionId = id, cwd = src, attachment = new { type = "directory", path = src + "/lib" } })
                : L(new { type = i % 2 == 0 ? "user" : "assistant", uuid = $"u{i}", sessionId = id, cwd = src, message = new { role = "user", content = $"step {i} in {src}" } })));
            for (var i = 0; i < subagents; i++)
            {
                File.WriteAllLines(Path.Combine(folder, id, "subagents", $"agent-a{i}.jsonl"), [L(new { type = "user", sessionId = id, cwd = src, isSidechain = true })]);
                File.WriteAllText(Path.Combine(folder, id, "subagents", $"agent-a{i}.meta.json"), "{\"agentType\":\"general\"}");
                File.WriteAllText(Path.Combine(folder, id, "tool-results", $"r{i}.txt"), $"output {i}");
            }
            File.WriteAllLines(Path.Combine(claude, "history.jsonl"), [L(new { display = "go", project = src, sessionId = id }), L(new { display = "x", project = "/elsewhere", sessionId = "other" })]);
            File.WriteAllText(Path.Combine(h, ".claude.json"), "{\n  \"projects\": {\n    \"" + src + "\": {\n      \"hasTrustDialogAccepted\": true\n    }\n  }\n}\n");
        });
    }

    /// <summary>The real Codex 0.169.0 fixture; the "plain" thread moves (rollout + state_5 row).</summary>
    public static CrashWorld Codex(string home) =>
        new(home, AgentProvider.Codex, Path.Combine(home, "work", "plain"), Path.Combine(home, "moved", "plain"),
            h => RealFixtures.Materialize("codex", "0.169.0", h));
}
