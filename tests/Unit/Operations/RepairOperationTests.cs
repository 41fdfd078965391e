using SameSession.Core.Infrastructure;
using SameSession.Core.Operations;
using SameSession.Core.Operations.Move;
using SameSession.Core.Operations.Repair;
using SameSession.Core.Relocation.Journal;
using SameSession.Core.Relocation.Rebind.ClaudeCode;
using SameSession.Core.Sessions;

namespace SameSession.Tests.Unit.Operations;

public sealed class RepairOperationTests : IDisposable
{
    private readonly TempDir _tmp = new("rep");
    private string Home => _tmp.Combine("home");
    private AgentEnvironment Env => new(Home, new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" });

    public void Dispose() => _tmp.Dispose();

    private static void Git(string dir, params string[] args)
    {
        var r = ProcessRunner.Run("git", ["-C", dir, "-c", "user.name=t", "-c", "user.email=t@t", .. args]);
        Assert.True(r.Succeeded, r.StdErr);
    }

    /// <summary>A repository with one commit and a sub-folder; returns the commit.</summary>
    private static string CommittedRepo(string repo, string subFolder)
    {
        Directory.CreateDirectory(Path.Combine(repo, subFolder));
        Git(repo, "init", "-q");
        File.WriteAllText(Path.Combine(repo, "a.txt"), "a");
        Git(repo, "add", "a.txt");
        Git(repo, "commit", "-q", "-m", "first");
        return ProcessRunner.Run("git", ["-C", repo, "rev-parse", "HEAD"]).StdOut.Trim();
    }

    private AgentSession CodexSession(string id, string cwd, string? commit, string? remote)
    {
        var dir = Path.Combine(Home, ".codex", "sessions", "2026", "11", "22");
        Directory.CreateDirectory(dir);
        var rollout = Path.Combine(dir, $"rollout-2026-11-22T00-00-00-{id}.jsonl");
        var git = commit is null ? "" : $",\"git\":{{\"commit_hash\":\"{commit}\",\"repository_url\":\"{remote}\"}}";
        File.WriteAllLines(rollout,
        [
            $"{{\"timestamp\":\"2026-11-22T00:00:00.000Z\",\"type\":\"session_meta\",\"payload\":{{\"id\":\"{id}\",\"cwd\":\"{cwd}\"{git}}}}}",
            $"{{\"timestamp\":\"2026-11-22T00:00:01.000Z\",\"type\":\"turn_context\",\"payload\":{{\"cwd\":\"{cwd}\"}}}}",
        ]);
        return new AgentSession { Provider = AgentProvider.Codex, Id = id, Directory = cwd, IsOrphaned = true, Home = Path.Combine(Home, ".codex"), Files = [rollout] };
    }

    private IReadOnlyList<MoveResult> Repair(params AgentSession[] sessions) =>
        new RepairOperation(Env, new RecordingObserver(), new JournalStore(_tmp.Combine("j")))
            .Run(new RepairRequest { Sessions = sessions, SearchRoot = Path.Combine(Home, "projects") });

    [Fact]
    public void A_recorded_commit_finds_the_moved_repository_even_under_another_name()
    {
        var repo = Path.Combine(Home, "projects", "renamed-api");
        var head = CommittedRepo(repo, "src");
        Directory.CreateDirectory(Path.Combine(Home, "projects", "decoy", "api")); // same name as the old folder: must lose
        var old = Path.Combine(Home, "old", "api", "src");
        var s = CodexSession("01a20096-0000-7000-8000-000000000001", old, head, "git@github.com:me/api.git");

        var r = Assert.Single(Repair(s));

        Assert.Equal(MoveStatus.Moved, r.Status);
        Assert.Equal(Path.Combine(repo, "src"), r.NewDirectory);
        Assert.StartsWith("matched by git commit", r.Reason, StringComparison.Ordinal);
        Assert.Contains($"\"cwd\":\"{Path.Combine(repo, "src")}\"", File.ReadAllText(s.Files[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_session_without_git_facts_follows_a_session_from_the_same_directory_found_by_commit()
    {
        var repo = Path.Combine(Home, "projects", "renamed shop");
        var head = CommittedRepo(repo, "web");
        var old = Path.Combine(Home, "old", "shop ünï");
        var codex = CodexSession("01a20096-0000-7000-8000-000000000005", old, head, null);
        var claude = ClaudeSession("bbbbbbbb-0000-4000-8000-000000000001", Path.Combine(old, "web"));
        var stray = ClaudeSession("bbbbbbbb-0000-4000-8000-000000000002", Path.Combine(Home, "old", "other"));

        var results = Repair(claude, codex, stray);

        Assert.Equal(MoveStatus.Moved, results[1].Status);
        Assert.Equal(MoveStatus.Moved, results[0].Status);
        Assert.Equal(Path.Combine(repo, "web"), results[0].NewDirectory);
        Assert.Equal($"followed {codex.Key} from the same directory", results[0].Reason);
        Assert.Equal(MoveStatus.Failed, results[2].Status);
    }

    private AgentSession ClaudeSession(string id, string cwd)
    {
        var folder = Path.Combine(Home, ".claude", "projects", ClaudeProjectFolder.Name(cwd));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, id + ".jsonl"), $"{{\"type\":\"user\",\"sessionId\":\"{id}\",\"cwd\":\"{cwd}\"}}\n");
        return new AgentSession { Provider = AgentProvider.ClaudeCode, Id = id, Directory = cwd, IsOrphaned = true, Home = Path.Combine(Home, ".claude"), Files = [Path.Combine(folder, id + ".jsonl")] };
    }

    [Fact]
    public void Folder_name_is_the_last_resort_and_must_be_unambiguous()
    {
        Directory.CreateDirectory(Path.Combine(Home, "projects", "a", "web"));
        Directory.CreateDirectory(Path.Combine(Home, "projects", "b", "tool"));
        Directory.CreateDirectory(Path.Combine(Home, "projects", "c", "tool"));
        Directory.CreateDirectory(Path.Combine(Home, "projects", "node_modules", "web")); // skipped
        var web = CodexSession("01a20096-0000-7000-8000-000000000002", Path.Combine(Home, "gone", "web"), null, null);
        var tool = CodexSession("01a20096-0000-7000-8000-000000000003", Path.Combine(Home, "gone", "tool"), null, null);
        var alive = CodexSession("01a20096-0000-7000-8000-000000000004", Path.Combine(Home, "projects", "a", "web"), null, null);

        var results = Repair(web, tool, alive);

        Assert.Equal(MoveStatus.Moved, results[0].Status);
        Assert.Equal(Path.Combine(Home, "projects", "a", "web"), results[0].NewDirectory);
        Assert.Equal(MoveStatus.Failed, results[1].Status);
        Assert.Contains("2 folders are named 'tool'", results[1].Reason, StringComparison.Ordinal);
        Assert.Equal(MoveStatus.Skipped, results[2].Status);
    }

    [Fact]
    public void WhatIf_prints_the_plan_and_changes_nothing()
    {
        Directory.CreateDirectory(Path.Combine(Home, "projects", "web"));
        var cwd = Path.Combine(Home, "gone", "web");
        var folder = Path.Combine(Home, ".claude", "projects", ClaudeProjectFolder.Name(cwd));
        Directory.CreateDirectory(folder);
        const string id = "aaaaaaaa-0000-4000-8000-000000000001";
        File.WriteAllText(Path.Combine(folder, id + ".jsonl"), $"{{\"type\":\"user\",\"sessionId\":\"{id}\",\"cwd\":\"{cwd}\"}}\n");
        var s = new AgentSession { Provider = AgentProvider.ClaudeCode, Id = id, Directory = cwd, IsOrphaned = true, Home = Path.Combine(Home, ".claude"), Files = [Path.Combine(folder, id + ".jsonl")] };
        var observer = new RecordingObserver(approve: false);

        var r = Assert.Single(new RepairOperation(Env, observer, new JournalStore(_tmp.Combine("j")))
            .Run(new RepairRequest { Sessions = [s], SearchRoot = Path.Combine(Home, "projects") }));

        Assert.Equal(MoveStatus.Skipped, r.Status);
        Assert.Equal(Path.Combine(Home, "projects", "web"), r.NewDirectory);
        Assert.Contains(observer.Planned, p => p.Contains(ClaudeProjectFolder.Name(Path.Combine(Home, "projects", "web")), StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(folder, id + ".jsonl")));
    }
}
