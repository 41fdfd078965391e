using SameSession.Core.Providers.Common;

namespace SameSession.Core.Providers.OpenCode;

/// <summary>
/// Which sessions a running opencode is likely using: processes holding the database open (Linux /proc only).
/// A process started with a session id claims that session and its subsessions; otherwise it claims the sessions of
/// the project its working directory belongs to (the TUI can switch between them at any time).
/// </summary>
internal sealed class OpenCodeLiveness
{
    private readonly List<LinuxProcess> _holders;

    private OpenCodeLiveness(List<LinuxProcess> holders) => _holders = holders;

    public static OpenCodeLiveness None { get; } = new([]);

    public bool Any => _holders.Count > 0;

    public static OpenCodeLiveness Probe(IReadOnlyCollection<string> databases, ProcessTable processes)
    {
        if (!OperatingSystem.IsLinux() || databases.Count == 0) return None;
        var watched = new HashSet<string>(databases.SelectMany(d => new[] { d, d + "-wal" }), StringComparer.Ordinal);
        var holders = processes.Matching("opencode")
            .Where(p => p.OpenFiles().Any(watched.Contains))
            .ToList();
        return new OpenCodeLiveness(holders);
    }

    public bool IsLive(OpenCodeSessionRow row, OpenCodeProject? project)
    {
        foreach (var p in _holders)
        {
            if (p.CommandLine.Contains(row.Id, StringComparison.Ordinal)) return true;
            if (row.ParentId is not null && p.CommandLine.Contains(row.ParentId, StringComparison.Ordinal)) return true;
            if (p.CommandLine.Contains("ses_", StringComparison.Ordinal)) continue;
            if (p.WorkingDirectory is not { } cwd || row.Directory is null) continue;
            if (project is not null && project.Id != OpenCodeProject.GlobalId ? project.Owns(cwd) : PathText.Trim(cwd).Equals(PathText.Trim(row.Directory), PathText.Comparison))
                return true;
        }
        return false;
    }
}
