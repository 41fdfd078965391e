namespace SameSession.Core.Providers.Common;

/// <summary>Which running processes look like an agent (Linux /proc only; nothing elsewhere, where callers skip the check).</summary>
internal static class ProcessProbe
{
    /// <summary>Running processes whose command line contains <paramref name="needle"/> (Linux only; empty elsewhere).</summary>
    public static IReadOnlyList<LinuxProcess> FindByCommandLine(string needle) => ProcessTable.Read().Matching(needle);
}

/// <summary>
/// One read of every process's command line (Linux /proc), shared by the providers of a discovery run. The raw bytes
/// are searched; only a match is decoded.
/// </summary>
internal sealed class ProcessTable
{
    private readonly List<CommandLine> _processes;

    private ProcessTable(List<CommandLine> processes) => _processes = processes;

    public static ProcessTable Read()
    {
        var found = new List<CommandLine>();
        if (!OperatingSystem.IsLinux()) return new ProcessTable(found);
        IEnumerable<string> dirs;
        try { dirs = Directory.EnumerateDirectories("/proc"); }
        catch (IOException) { return new ProcessTable(found); }
        catch (UnauthorizedAccessException) { return new ProcessTable(found); }
        var self = Environment.ProcessId;
        var buffer = new byte[4096];
        foreach (var dir in dirs)
        {
            if (!int.TryParse(Path.GetFileName(dir.AsSpan()), out var pid) || pid == self) continue;
            if (ReadCommandLine(dir, ref buffer) is { } bytes) found.Add(new CommandLine(pid, bytes));
        }
        return new ProcessTable(found);
    }

    /// <summary>Processes whose command line contains <paramref name="needle"/> (ASCII, case-insensitive).</summary>
    public IReadOnlyList<LinuxProcess> Matching(string needle)
    {
        var lower = System.Text.Encoding.ASCII.GetBytes(needle.ToLowerInvariant());
        var matches = new List<LinuxProcess>();
        foreach (var p in _processes)
            if (ContainsIgnoringAsciiCase(p.Bytes, lower))
                matches.Add(new LinuxProcess(p.Pid, System.Text.Encoding.UTF8.GetString(p.Bytes).Replace('\0', ' ').Trim()));
        return matches;
    }

    private static bool ContainsIgnoringAsciiCase(byte[] haystack, byte[] lowerNeedle)
    {
        for (var i = 0; i + lowerNeedle.Length <= haystack.Length; i++)
        {
            var j = 0;
            while (j < lowerNeedle.Length && (haystack[i + j] is >= (byte)'A' and <= (byte)'Z' ? haystack[i + j] | 0x20 : haystack[i + j]) == lowerNeedle[j]) j++;
            if (j == lowerNeedle.Length) return true;
        }
        return false;
    }

    private static byte[]? ReadCommandLine(string procDir, ref byte[] buffer)
    {
        try
        {
            using var handle = File.OpenHandle(Path.Join(procDir, "cmdline"));
            var total = 0;
            while (true)
            {
                if (total == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                var n = RandomAccess.Read(handle, buffer.AsSpan(total), total);
                if (n <= 0) break;
                total += n;
            }
            return buffer.AsSpan(0, total).ToArray();
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private sealed record CommandLine(int Pid, byte[] Bytes);
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
