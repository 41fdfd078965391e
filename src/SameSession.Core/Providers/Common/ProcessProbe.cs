namespace SameSession.Core.Providers.Common;

/// <summary>Which running processes look like an agent (Linux /proc only; nothing elsewhere, where callers skip the check).</summary>
internal static class ProcessProbe
{
    /// <summary>Running processes whose command line contains <paramref name="needle"/> (Linux only; empty elsewhere).</summary>
    public static IReadOnlyList<LinuxProcess> FindByCommandLine(string needle)
    {
        var found = new List<LinuxProcess>();
        if (!OperatingSystem.IsLinux()) return found;
        IEnumerable<string> dirs;
        try { dirs = Directory.EnumerateDirectories("/proc"); }
        catch (IOException) { return found; }
        catch (UnauthorizedAccessException) { return found; }
        var self = Environment.ProcessId;
        foreach (var dir in dirs)
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == self) continue;
            var cmd = ReadCommandLine(pid);
            if (cmd is null || !cmd.Contains(needle, StringComparison.OrdinalIgnoreCase)) continue;
            found.Add(new LinuxProcess(pid, cmd));
        }
        return found;
    }

    private static string? ReadCommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim(); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}

/// <summary>A process seen in /proc; its working directory and open files are read on demand.</summary>
internal sealed record LinuxProcess(int Pid, string CommandLine)
{
    public string? WorkingDirectory => ReadLink($"/proc/{Pid}/cwd");

    public IEnumerable<string> OpenFiles()
    {
        string[] fds;
        try { fds = Directory.GetFileSystemEntries($"/proc/{Pid}/fd"); }
        catch (IOException) { yield break; }
        catch (UnauthorizedAccessException) { yield break; }
        foreach (var fd in fds)
            if (ReadLink(fd) is { } target) yield return target;
    }

    private static string? ReadLink(string path)
    {
        try { return new FileInfo(path).LinkTarget; }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
