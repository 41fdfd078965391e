using System.Diagnostics;
using SameSession.Core.Infrastructure;

namespace SameSession.Bench.Discovery;

/// <summary>`--listing`: time of one stat-per-file listing of every session folder (the floor of a warm run).</summary>
internal static class Listing
{
    public static void Run(string home)
    {
        for (var round = 0; round < 3; round++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            var files = 0;
            foreach (var project in DirectoryListing.Read(Path.Combine(home, ".claude", "projects")))
                files += DirectoryListing.Read(project.FullPath, static n => n.EndsWith(".jsonl", StringComparison.Ordinal)).Count;
            files += DirectoryListing.FilesBelow(Path.Combine(home, ".codex", "sessions")).Count;
            files += DirectoryListing.Read(Path.Combine(home, ".acpx", "sessions")).Count;
            foreach (var slug in DirectoryListing.Read(Path.Combine(home, ".gemini", "tmp"), static _ => false))
                files += DirectoryListing.FilesBelow(Path.Combine(slug.FullPath, "chats")).Count;
            Console.WriteLine($"listing: {files} files, {sw.Elapsed.TotalMilliseconds:F1} ms, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F1} cpu-ms, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1048576.0:F1} MB allocated");
        }
    }
}
