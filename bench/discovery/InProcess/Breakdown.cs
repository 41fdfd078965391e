using System.Diagnostics;
using SameSession.Core.Infrastructure;
using SameSession.Core.Providers.ClaudeCode;
using SameSession.Core.Providers.Codex;

namespace SameSession.Bench.Discovery;

/// <summary>`--breakdown`: single-threaded time of each scanning layer over the transcripts, to see where time goes.</summary>
internal static class Breakdown
{
    private struct Lines : IJsonlLineVisitor
    {
        public long Count;
        public void Visit(ReadOnlySpan<byte> line, long offset, long length, bool clipped, bool unterminated) => Count++;
    }

    public static void Run(string home)
    {
        var claude = Directory.EnumerateFiles(Path.Combine(home, ".claude", "projects"), "*.jsonl", SearchOption.AllDirectories).ToList();
        var codex = Directory.EnumerateFiles(Path.Combine(home, ".codex", "sessions"), "*.jsonl", SearchOption.AllDirectories).ToList();
        Time("claude: line split only", claude, h => { var v = new Lines(); JsonlLines.Scan(h, ref v); });
        Time("claude: transcript scan", claude, h => { var v = new ClaudeTranscriptScan(); JsonlLines.Scan(h, ref v); });
        Time("codex: line split only", codex, h => { var v = new Lines(); JsonlLines.Scan(h, ref v); });
        Time("codex: rollout scan", codex, h => { var v = new CodexRolloutScan(); JsonlLines.Scan(h, ref v); });
    }

    private static void Time(string label, List<string> files, Action<Microsoft.Win32.SafeHandles.SafeFileHandle> scan)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        long bytes = 0;
        foreach (var f in files)
        {
            using var h = File.OpenHandle(f);
            bytes += RandomAccess.GetLength(h);
            scan(h);
        }
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"{label,-28} {bytes / 1048576.0,8:F0} MB  wall {sw.Elapsed.TotalSeconds,6:F2} s  cpu {used.TotalSeconds,6:F2} s  {bytes / 1048576.0 / Math.Max(used.TotalSeconds, 1e-3),7:F0} MB/cpu-s");
    }
}
