using System.Diagnostics;
using SameSession.Core.Providers.Common;

namespace SameSession.Tests.Unit.Discovery;

public class ProcessTableTests
{
    [Fact]
    public void Finds_a_running_process_by_its_command_line_ignoring_ascii_case()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Empty(ProcessTable.Read().Matching("sleep"));
            return;
        }
        var marker = $"Zz-Probe-{Guid.NewGuid():N}";
        // `read` is a shell builtin: one process (no forked child sharing the command line for a moment), blocked on stdin.
        using var child = Process.Start(new ProcessStartInfo("sh", ["-c", "read line", marker]) { UseShellExecute = false, RedirectStandardInput = true })!;
        try
        {
            // Until the child has exec'd, /proc shows the parent's command line: wait for the exec (bounded).
            var deadline = DateTime.UtcNow.AddSeconds(10);
            var matches = ProcessTable.Read().Matching(marker.ToLowerInvariant());
            while (matches.Count == 0 && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
                matches = ProcessTable.Read().Matching(marker.ToLowerInvariant());
            }
            var found = Assert.Single(matches);
            Assert.Equal(child.Id, found.Pid);
            Assert.Equal($"sh -c read line {marker}", found.CommandLine);
            Assert.Empty(ProcessTable.Read().Matching(marker + "-absent"));
        }
        finally
        {
            child.Kill();
        }
    }
}
