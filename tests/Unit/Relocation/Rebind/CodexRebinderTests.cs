using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SameSession.Core.Operations;
using SameSession.Core.Operations.Move;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Sessions;

namespace SameSession.Tests.Unit.Relocation.Rebind;

public sealed class CodexRebinderTests : IDisposable
{
    private readonly TempDir _tmp = new("cxr");
    private string Home => _tmp.Combine("home");

    public void Dispose() => _tmp.Dispose();

    private static string? RowCwd(string db, string id)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False;Mode=ReadOnly");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT cwd || '|' || rollout_path FROM threads WHERE id=$id";
        cmd.Parameters.AddWithValue("$id", id);
        return cmd.ExecuteScalar() as string;
    }

    [Fact]
    public void Real_fixture_thread_gets_new_cwd_in_rollout_and_state_db()
    {
        var env = RealFixtures.Materialize("codex", "0.169.0", Home);
        var sub = Path.Combine(Home, "work", "repo", "src", "sub");
        var session = RealFixtures.Discover(env, AgentProvider.Codex).Single(s => s.Directory == sub);
        var rollout = session.Files[0];
        var db = Path.Combine(Home, ".codex", "state_5.sqlite");
        var before = File.ReadAllLines(rollout);
        var map = SameSession.Core.Relocation.PathMap.Of(Path.Combine(Home, "work", "repo"), Path.Combine(Home, "code", "repo"));
        var newSub = Path.Combine(Home, "code", "repo", "src", "sub");

        var r = Assert.Single(new MoveOperation(env, new RecordingObserver(), new JournalStore(_tmp.Combine("j")))
            .Run(new MoveRequest { Sessions = [session], Map = map, Create = true }));

        Assert.Equal(MoveStatus.Moved, r.Status);
        Assert.Equal(newSub, r.NewDirectory);
        Assert.Equal($"{newSub}|{rollout}", RowCwd(db, session.Id));
        var after = File.ReadAllLines(rollout);
        Assert.Equal(before.Length, after.Length);
        foreach (var (o, n) in before.Zip(after))
        {
            var type = (string?)JsonNode.Parse(o)!["type"];
            if (type is "session_meta" or "turn_context")
                Assert.Equal(newSub, (string?)JsonNode.Parse(n)!["payload"]!["cwd"]);
            if (!o.Contains(sub, StringComparison.Ordinal)) Assert.Equal(o, n);
        }
        Assert.Contains(after, l => l.Contains("environment_context", StringComparison.Ordinal) && l.Contains(sub, StringComparison.Ordinal));
        Assert.Equal(newSub, RealFixtures.Discover(env, AgentProvider.Codex).Single(s => s.Id == session.Id).Directory);
        // Other threads are untouched.
        Assert.StartsWith(Path.Combine(Home, "work", "plain") + "|", RowCwd(db, RealFixtures.Discover(env, AgentProvider.Codex).Single(s => s.Directory!.EndsWith("plain", StringComparison.Ordinal)).Id), StringComparison.Ordinal);
    }

    [Fact]
    public void RewriteContent_rewrites_environment_blocks_but_never_reasoning()
    {
        var env = RealFixtures.Materialize("codex", "0.169.0", Home);
        var plain = Path.Combine(Home, "work", "plain");
        var session = RealFixtures.Discover(env, AgentProvider.Codex).Single(s => s.Directory == plain);
        var reasoning = $"{{\"timestamp\":\"2026-11-22T00:10:13.000Z\",\"type\":\"response_item\",\"payload\":{{\"type\":\"reasoning\",\"summary\":[{{\"type\":\"summary_text\",\"text\":\"look in {plain}\"}}],\"content\":[{{\"type\":\"reasoning_text\",\"text\":\"{plain}\"}}]}}}}";
        File.AppendAllText(session.Files[0], reasoning + "\n");
        var dest = Path.Combine(Home, "moved");

        var r = Assert.Single(new MoveOperation(env, new RecordingObserver(), new JournalStore(_tmp.Combine("j")))
            .Run(new MoveRequest { Sessions = [session], Destination = dest, Create = true, RewriteContent = true }));

        Assert.Equal(MoveStatus.Moved, r.Status);
        var lines = File.ReadAllLines(session.Files[0]);
        Assert.Equal(reasoning, lines[^1]);
        Assert.DoesNotContain(lines[..^1], l => l.Contains(plain + "\"", StringComparison.Ordinal) || l.Contains(plain + "<", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"<cwd>{dest}</cwd>", StringComparison.Ordinal));
    }

    [Fact]
    public void Live_thread_with_a_held_writer_lock_is_refused()
    {
        var env = RealFixtures.Materialize("codex", "0.169.0", Home);
        var session = RealFixtures.Discover(env, AgentProvider.Codex).First();
        var locks = Path.Combine(Home, ".codex", "thread-writer-locks");
        Directory.CreateDirectory(locks);
        using var held = new FileStream(Path.Combine(locks, session.Id + ".lock"), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        var before = File.ReadAllText(session.Files[0]);

        var r = Assert.Single(new MoveOperation(env, new RecordingObserver(), new JournalStore(_tmp.Combine("j")))
            .Run(new MoveRequest { Sessions = [session], Destination = Path.Combine(Home, "x"), Create = true }));

        Assert.Equal(SameSession.Core.Errors.ErrorIds.SessionLocked.Name, r.Error!.Id);
        Assert.Equal(before, File.ReadAllText(session.Files[0]));
    }
}
