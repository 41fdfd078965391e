using System.Diagnostics;
using SameSession.Core.Infrastructure;

namespace SameSession.Core.Operations.Repair;

/// <summary>
/// A bounded walk (depth and time) of the search root that lists directories by name and finds git repositories,
/// skipping dependency, build and hidden folders. Git facts (root commits, remote, known commits) are asked lazily.
/// </summary>
internal sealed class ProjectSearch
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "node_modules", "bin", "obj", "target", "dist", "build", "out", "vendor", "venv", "__pycache__", "Library", "AppData",
    };

    private readonly Dictionary<string, List<string>> _byName;
    private readonly Dictionary<string, string?> _remote = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _roots = new(StringComparer.Ordinal);
    private readonly string? _git;

    private ProjectSearch(Dictionary<string, List<string>> byName, List<string> repositories, bool timedOut, string? git)
    {
        _byName = byName;
        Repositories = repositories;
        TimedOut = timedOut;
        _git = git;
    }

    public List<string> Repositories { get; }
    public bool TimedOut { get; }
    public bool HasGit => _git is not null;

    public static ProjectSearch Walk(string root, int maxDepth, TimeSpan timeout, StringComparer names, string? pathVariable)
    {
        var byName = new Dictionary<string, List<string>>(names);
        var repos = new List<string>();
        var clock = Stopwatch.StartNew();
        var queue = new Queue<(string Dir, int Depth)>();
        queue.Enqueue((root, 0));
        var timedOut = false;
        while (queue.Count > 0)
        {
            if (clock.Elapsed > timeout) { timedOut = true; break; }
            var (dir, depth) = queue.Dequeue();
            var name = Path.GetFileName(dir);
            if (!byName.TryGetValue(name, out var list)) byName[name] = list = [];
            list.Add(dir);
            if (Directory.Exists(Path.Combine(dir, ".git")) || File.Exists(Path.Combine(dir, ".git"))) repos.Add(dir);
            if (depth >= maxDepth) continue;
            IEnumerable<string> children;
            try
            {
                children = Directory.EnumerateDirectories(dir).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            foreach (var child in children)
            {
                var childName = Path.GetFileName(child);
                if (childName.StartsWith('.') || Skipped.Contains(childName)) continue;
                if (new FileInfo(child).LinkTarget is not null) continue; // no symlink loops
                queue.Enqueue((child, depth + 1));
            }
        }
        return new ProjectSearch(byName, repos, timedOut, ProcessRunner.FindOnPath("git", pathVariable));
    }

    public IReadOnlyList<string> Named(string name) => _byName.TryGetValue(name, out var l) ? l : [];

    public bool HasRootOrCommit(string repo, string commit)
    {
        if (_git is null) return false;
        if (!_roots.TryGetValue(repo, out var roots))
            _roots[repo] = roots = Git(repo, "rev-list", "--max-parents=0", "HEAD")?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        return roots.Contains(commit, StringComparer.OrdinalIgnoreCase) || Git(repo, "cat-file", "-e", commit + "^{commit}") is not null;
    }

    public string? Remote(string repo)
    {
        if (_git is null) return null;
        if (!_remote.TryGetValue(repo, out var url)) _remote[repo] = url = Git(repo, "remote", "get-url", "origin")?.Trim();
        return url;
    }

    private string? Git(string repo, params string[] args)
    {
        var r = ProcessRunner.Run(_git!, ["-C", repo, .. args], timeout: TimeSpan.FromSeconds(10));
        return r.Succeeded ? r.StdOut : null;
    }

    /// <summary>git@host:owner/repo.git, https://host/owner/repo and ssh://git@host/owner/repo name the same repository.</summary>
    public static string NormalizeRemote(string url)
    {
        var u = url.Trim();
        if (u.EndsWith(".git", StringComparison.OrdinalIgnoreCase)) u = u[..^4];
        var scheme = u.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) u = u[(scheme + 3)..];
        var at = u.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0 && at < u.IndexOf('/', StringComparison.Ordinal)) u = u[(at + 1)..];
        var colon = u.IndexOf(':', StringComparison.Ordinal);
        var slash = u.IndexOf('/', StringComparison.Ordinal);
        if (colon >= 0 && (slash < 0 || colon < slash)) u = u[..colon] + "/" + u[(colon + 1)..];
        return u.TrimEnd('/').ToLowerInvariant();
    }
}
