using System.Diagnostics;

namespace SameSession.Core.Infrastructure;

/// <summary>Whether a process id recorded by an agent still belongs to a running process.</summary>
internal static class ProcessLiveness
{
    /// <param name="startedAt">When the agent recorded that the process started; a process that started clearly
    /// later is a different one that reused the id.</param>
    public static bool IsRunning(int pid, DateTimeOffset? startedAt = null)
    {
        if (pid <= 0) return false;
        try
        {
            using var p = Process.GetProcessById(pid);
            if (p.HasExited) return false;
            if (startedAt is { } s && new DateTimeOffset(p.StartTime) > s.AddSeconds(30)) return false;
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false;
        }
    }
}
