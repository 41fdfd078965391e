using SameSession.Core.Infrastructure;

namespace SameSession.Core.Providers.Common;

/// <summary>The git work tree a directory lies in, read from its .git entry (no git process is run).</summary>
internal sealed record GitWorkTree(string Root, string GitDir)
{
    private readonly Lazy<string?> _branch = new(() => ReadBranch(GitDir));

    /// <summary>
    /// The work tree holding <paramref name="directory"/>, its top level found by <paramref name="roots"/>; asked once per
    /// top level in one <paramref name="roots"/> (one discovery run), however many sessions lie in it.
    /// </summary>
    public static GitWorkTree? Find(string? directory, ProjectRootFinder roots) =>
        roots.Find(directory) is { } root ? roots.TreeAt(root, Open) : null;

    private static GitWorkTree? Open(string root)
    {
        var dotGit = Path.Combine(root, ".git");
        if (Directory.Exists(dotGit)) return new GitWorkTree(root, dotGit);
        return LinkedGitDir(dotGit, root) is { } linked ? new GitWorkTree(root, linked) : null;
    }

    /// <summary>The checked-out branch from HEAD, or null when detached or unreadable (read once per instance).</summary>
    public string? Branch() => _branch.Value;

    private static string? ReadBranch(string gitDir)
    {
        var head = ReadFirstLine(Path.Combine(gitDir, "HEAD"));
        const string prefix = "ref: refs/heads/";
        return head is not null && head.StartsWith(prefix, StringComparison.Ordinal) ? head[prefix.Length..] : null;
    }

    /// <summary>The directory shared by all linked work trees (holds objects, refs and opencode's id cache).</summary>
    public string CommonDir
    {
        get
        {
            var common = ReadFirstLine(Path.Combine(GitDir, "commondir"));
            return common is null ? GitDir : Path.GetFullPath(Path.Combine(GitDir, common));
        }
    }

    private static string? LinkedGitDir(string dotGitFile, string workTree)
    {
        var line = ReadFirstLine(dotGitFile);
        const string prefix = "gitdir:";
        if (line is null || !line.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var target = line[prefix.Length..].Trim();
        return Path.GetFullPath(Path.Combine(workTree, target));
    }

    internal static string? ReadFirstLine(string path)
    {
        try
        {
            if (!File.Exists(path)) return null;
            using var reader = new StreamReader(path);
            return reader.ReadLine()?.Trim();
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
