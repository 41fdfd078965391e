using Microsoft.Data.Sqlite;
using SameSession.Core.Relocation.Rebind.ClaudeCode;
using SameSession.Tests.Compat.Harness;
using static SameSession.Tests.Compat.ResumeAssertions;

namespace SameSession.Tests.Compat;

/// <summary>
/// A user renames a project folder (OLD → NEW), then runs the real `samesession move` process; the real agent CLI,
/// started in NEW, must resume the session with its history, and its own cwd-scoped lookups must find it under NEW
/// (not OLD). OLD is a git repository with a commit; some paths have spaces and non-ASCII characters.
/// </summary>
public sealed class MoveCompatTests
{
    [Fact]
    public async Task Claude_session_moved_after_a_rename_resumes_from_the_new_folder_by_id_and_by_continue()
    {
        await using var h = await CompatHarness.StartAsync();
        var home = h.NewHome();
        var claude = h.Claude(home);
        var (oldDir, newDir) = (Repo(home, "old proj ünï"), home.Combine("new proj 新"));
        string p1 = Unique("first"), p2 = Unique("continued"), p3 = Unique("resumed");
        var first = claude.NewSession(oldDir, p1);

        Directory.Move(oldDir, newDir);
        SameSessionCli.Run(newDir, [claude], "move", newDir, "--id", first.SessionId);

        var projects = home.Combine(".claude", "projects");
        Assert.True(File.Exists(Path.Combine(projects, ClaudeProjectFolder.Name(newDir), first.SessionId + ".jsonl")));
        var oldFolder = Path.Combine(projects, ClaudeProjectFolder.Name(oldDir));
        var left = Directory.Exists(oldFolder) ? Directory.GetFileSystemEntries(oldFolder, "*", SearchOption.AllDirectories) : [];
        Assert.True(left.Length == 0, "left in the old project folder: " + string.Join(", ", left.Select(e => Path.GetRelativePath(projects, e))));
        // --continue is scoped to the cwd's project folder, as the interactive picker and --resume without an id are.
        var continued = Turn(claude.Run(newDir, "-p", "--continue", p2, "--output-format", "json"), first.SessionId);
        var (_, continuedCount) = AssertResumed(h.StandIn, claude.Api, p1, first, p2, continued);
        var resumed = claude.ResumeSession(newDir, first.SessionId, p3);
        Assert.Equal(first.SessionId, resumed.SessionId);
        var resumedRequest = h.StandIn.TurnRequest(claude.Api, p3, resumed.Run.StdOut);
        Assert.True(resumedRequest.Mentions(p1) && resumedRequest.Mentions(p2));
        Assert.True(resumedRequest.MessageCount > continuedCount, $"{continuedCount} then {resumedRequest.MessageCount}");
        Console.WriteLine($"claude after move: --continue saw {continuedCount}, --resume saw {resumedRequest.MessageCount}");
        Assert.Equal([Path.Combine(projects, ClaudeProjectFolder.Name(newDir), first.SessionId + ".jsonl")],
            Directory.GetFiles(projects, first.SessionId + ".jsonl", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Codex_session_moved_after_a_rename_resumes_from_the_new_folder_and_is_listed_there_not_in_the_old()
    {
        await using var h = await CompatHarness.StartAsync();
        var home = h.NewHome();
        var codex = h.Codex(home);
        var (oldDir, newDir) = (Repo(home, "old-codex"), home.Combine("new codex é"));
        string p1 = Unique("first"), p2 = Unique("last-in-new"), p3 = Unique("last-in-old"), p4 = Unique("by-id");
        var first = codex.NewSession(oldDir, p1);

        Directory.Move(oldDir, newDir);
        SameSessionCli.Run(home.Path, [codex], "move", "--map", $"{oldDir}={newDir}");
        Assert.Equal(newDir, ThreadCwd(home, first.SessionId));

        // `resume --last` picks the newest session recorded for the cwd (--all turns that filter off).
        var lastInNew = Turn(codex.Run(newDir, "exec", "--skip-git-repo-check", "resume", "--last", p2));
        Assert.Equal(first.SessionId, lastInNew.SessionId);
        var (firstCount, lastCount) = AssertResumed(h.StandIn, codex.Api, p1, first, p2, lastInNew);

        Directory.CreateDirectory(oldDir);
        var inOld = codex.Run(oldDir, "exec", "--skip-git-repo-check", "resume", "--last", p3);
        Assert.DoesNotContain(first.SessionId, inOld.StdOut + inOld.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain(h.StandIn.Conversations(codex.Api), r => r.Mentions(p3) && r.Mentions(p1));

        var byId = codex.ResumeSession(newDir, first.SessionId, p4);
        var byIdRequest = h.StandIn.TurnRequest(codex.Api, p4, byId.Run.StdOut);
        Assert.True(byIdRequest.Mentions(p1) && byIdRequest.Mentions(p2), "resume by id lost the earlier turns");
        Assert.True(byIdRequest.MessageCount > lastCount, $"{lastCount} then {byIdRequest.MessageCount}");
        Console.WriteLine($"codex after move: first {firstCount}, --last in NEW {lastCount}, by id {byIdRequest.MessageCount}");
    }

    [Fact]
    public async Task Opencode_session_moved_after_a_rename_resumes_from_the_new_folder_and_is_listed_there_not_in_the_old()
    {
        await using var h = await CompatHarness.StartAsync();
        var home = h.NewHome();
        var opencode = h.Opencode(home);
        var (oldDir, newDir) = (Repo(home, "old oc ü"), home.Combine("new oc"));
        string p1 = Unique("first"), p2 = Unique("resumed");
        var first = opencode.NewSession(oldDir, p1);

        Directory.Move(oldDir, newDir);
        SameSessionCli.Run(newDir, [opencode], "move", newDir, "--from-dir", oldDir);

        // The listing is per project (the root commit), so it alone would also pass before the move; the resumed turn
        // below is what proves the session was rebound: opencode runs it in the session's recorded directory.
        Assert.Contains(first.SessionId, opencode.Run(newDir, "session", "list", "--format", "json").EnsureSuccess().StdOut, StringComparison.Ordinal);
        Directory.CreateDirectory(oldDir);
        Assert.DoesNotContain(first.SessionId, opencode.Run(oldDir, "session", "list", "--format", "json").EnsureSuccess().StdOut, StringComparison.Ordinal);

        var resumed = opencode.ResumeSession(newDir, first.SessionId, p2);
        Assert.Equal(first.SessionId, resumed.SessionId);
        AssertResumed(h.StandIn, opencode.Api, p1, first, p2, resumed);
        var request = h.StandIn.TurnRequest(opencode.Api, p2, resumed.Run.StdOut);
        Assert.True(request.Mentions(newDir), "the resumed turn's environment does not name the new directory");
        Assert.False(request.Mentions(home.Combine("old oc")), "the resumed turn still runs in the old directory");
    }

    [Fact]
    public async Task Repair_finds_a_renamed_repository_by_its_commit_and_every_agent_resumes_there()
    {
        await using var h = await CompatHarness.StartAsync();
        var home = h.NewHome();
        AgentCli[] agents = [h.Claude(home), h.Codex(home), h.Opencode(home)];
        var oldDir = Repo(home, "work", "shop ünï");
        var newDir = home.Combine("elsewhere", "shop renamed");
        var firsts = agents.Select(a => (Agent: a, Prompt: Unique("first " + a.Name))).Select(x => (x.Agent, x.Prompt, Turn: x.Agent.NewSession(oldDir, x.Prompt))).ToList();

        Directory.CreateDirectory(Path.GetDirectoryName(newDir)!);
        Directory.Move(oldDir, newDir);
        var repair = SameSessionCli.Run(home.Path, agents, "repair", "--search-root", home.Path);
        Assert.Contains("3 moved, 0 skipped, 0 failed", repair.StdOut, StringComparison.Ordinal);

        foreach (var (agent, p1, first) in firsts)
        {
            var p2 = Unique("after repair " + agent.Name);
            var resumed = agent.ResumeSession(newDir, first.SessionId, p2);
            Assert.Equal(first.SessionId, resumed.SessionId);
            AssertResumed(h.StandIn, agent.Api, p1, first, p2, resumed);
        }
    }

    private static string Repo(AgentHome home, params string[] parts)
    {
        var dir = home.CreateDirectory(parts);
        GitRepo.InitWithCommit(dir);
        return dir;
    }

    private static AgentTurn Turn(CliResult run, string? claudeSession = null)
    {
        run.EnsureSuccess();
        if (claudeSession is not null)
        {
            Assert.Contains(claudeSession, run.StdOut, StringComparison.Ordinal);
            return new AgentTurn(claudeSession, run.StdOut, run);
        }
        var id = System.Text.RegularExpressions.Regex.Match(run.StdOut + "\n" + run.StdErr, @"session id:\s*([0-9a-fA-F-]{36})");
        Assert.True(id.Success, run.Describe());
        return new AgentTurn(id.Groups[1].Value, run.StdOut, run);
    }

    private static string? ThreadCwd(AgentHome home, string id)
    {
        var state = Directory.GetFiles(home.Combine(".codex"), "state_*.sqlite").Single();
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = state, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT cwd FROM threads WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", id);
        return cmd.ExecuteScalar() as string;
    }
}
