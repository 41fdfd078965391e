namespace SameSession.Core.Providers.Common;

/// <summary>The git work tree a directory lies in, found by walking up to a .git entry (no git process is run).</summary>
internal sealed record GitWorkTree(string Root, string GitDir)
{
    public static GitWorkTree? Find(string? directory)
    {
        if (string.IsNullOrEmpty(directory) || !Path.IsPathFullyQualified(directory)) return null;
        for (var dir = directory; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            var dotGit = Path.Combine(dir, ".git");
            if (Directory.Exists(dotGit)) return new GitWorkTree(dir, dotGit);
            if (File.Exists(dotGit) && LinkedGitDir(dotGit, dir) is { } linked) return new GitWorkTree(dir, linked);
        }
        return null;
    }

    /// <summary>The checked-out branch from HEAD, or null when detached or unreadable.</summary>
    public string? Branch()
    {
        var head = ReadFirstLine(Path.Combine(GitDir, "HEAD"));
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
