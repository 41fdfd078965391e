namespace SameSession.Tests.Compat.Harness;

/// <summary>
/// A throwaway HOME for one agent run (its config, sessions and caches land here), deleted on dispose.
/// Kept short and ASCII so the agents' encoded folder names stay well under their length limits.
/// </summary>
public sealed class AgentHome : IDisposable
{
    public AgentHome(string? root = null)
    {
        var path = System.IO.Path.Combine(root ?? System.IO.Path.GetTempPath(), "ssh-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(path);
        Path = RealPath(path);
    }

    /// <summary>
    /// The path with every symlinked component resolved (macOS /var → /private/var): agents such as Claude Code
    /// file sessions under the canonical cwd, so the home must be canonical for paths and placeholders to match.
    /// </summary>
    private static string RealPath(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var current = System.IO.Path.GetPathRoot(full)!;
        foreach (var part in full[current.Length..].Split(System.IO.Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = System.IO.Path.Combine(current, part);
            if (new DirectoryInfo(current).ResolveLinkTarget(returnFinalTarget: true) is { } target) current = target.FullName;
        }
        return current.TrimEnd(System.IO.Path.DirectorySeparatorChar);
    }

    /// <summary>The absolute home path (no trailing separator, symlinks in the temp root resolved).</summary>
    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Creates (if needed) and returns a directory under the home, e.g. a project cwd.</summary>
    public string CreateDirectory(params string[] parts)
    {
        var dir = Combine(parts);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
