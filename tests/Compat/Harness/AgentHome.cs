namespace SameSession.Tests.Compat.Harness;

/// <summary>
/// A throwaway HOME for one agent run (its config, sessions and caches land here), deleted on dispose.
/// Kept short and ASCII so the agents' encoded folder names stay well under their length limits.
/// </summary>
public sealed class AgentHome : IDisposable
{
    public AgentHome(string? root = null)
    {
        Path = System.IO.Path.Combine(root ?? System.IO.Path.GetTempPath(), "ssh-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path);
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
