using SameSession.Core.Infrastructure;

namespace SameSession.Tests.Compat.Harness.Fixtures;

/// <summary>
/// The project directories the fixtures' sessions were made in, recreated identically under any home:
/// a non-git path with spaces and non-ASCII characters, a plain non-git directory, a git repository with commits
/// (fixed authors and dates, so its commit hashes, which opencode derives project ids from, never change),
/// and a subdirectory of that repository.
/// </summary>
public sealed record FixtureWorkspace(string Unicode, string Plain, string Repo, string RepoSubdir)
{
    public const string UnicodeRelative = "work/proj ünï 空间";
    public const string PlainRelative = "work/plain";
    public const string RepoRelative = "work/repo";
    public const string RepoSubdirRelative = "work/repo/src/sub";

    /// <summary>The root commit of the repository (deterministic).</summary>
    public string RootCommit { get; init; } = "";

    public IEnumerable<(string Name, string Path)> All =>
        [("unicode", Unicode), ("plain", Plain), ("repo", Repo), ("repo-subdir", RepoSubdir)];

    public static FixtureWorkspace Create(string home)
    {
        string Dir(string relative) => Directory.CreateDirectory(Path.Combine(home, relative)).FullName.TrimEnd('/');
        var ws = new FixtureWorkspace(Dir(UnicodeRelative), Dir(PlainRelative), Dir(RepoRelative), Dir(RepoSubdirRelative));
        File.WriteAllText(Path.Combine(ws.Unicode, "notes.txt"), "unicode project\n");
        File.WriteAllText(Path.Combine(ws.Plain, "notes.txt"), "plain project\n");
        return ws with { RootCommit = CreateRepo(ws.Repo) };
    }

    private static string CreateRepo(string repo)
    {
        if (Directory.Exists(Path.Combine(repo, ".git"))) return Git(repo, "rev-list", "--max-parents=0", "HEAD");
        Git(repo, "init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(repo, "README.md"), "# fixture repo\n");
        Git(repo, "add", "README.md");
        Git(repo, "commit", "-q", "-m", "first commit");
        File.WriteAllText(Path.Combine(repo, "src", "sub", "code.txt"), "code\n");
        Git(repo, "add", "src/sub/code.txt");
        Git(repo, "commit", "-q", "-m", "second commit");
        return Git(repo, "rev-list", "--max-parents=0", "HEAD");
    }

    private static readonly Dictionary<string, string?> FixedIdentity = new()
    {
        ["GIT_AUTHOR_NAME"] = "Fixture", ["GIT_AUTHOR_EMAIL"] = "fixture@example.invalid",
        ["GIT_COMMITTER_NAME"] = "Fixture", ["GIT_COMMITTER_EMAIL"] = "fixture@example.invalid",
        ["GIT_AUTHOR_DATE"] = "2026-01-01T00:00:00Z", ["GIT_COMMITTER_DATE"] = "2026-01-01T00:00:00Z",
        ["GIT_CONFIG_GLOBAL"] = "/dev/null", ["GIT_CONFIG_NOSYSTEM"] = "1",
    };

    private static string Git(string cwd, params string[] args)
    {
        var r = ProcessRunner.Run("git", args, cwd, TimeSpan.FromSeconds(30), FixedIdentity, stdin: "");
        if (!r.Succeeded) throw new InvalidOperationException($"git {string.Join(' ', args)} failed in {cwd}: {r.StdErr}");
        return r.StdOut.Trim();
    }
}
