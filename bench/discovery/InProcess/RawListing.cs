using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace SameSession.Bench.Discovery;

internal static unsafe partial class RawListing
{
    [LibraryImport("libc", EntryPoint = "opendir", StringMarshalling = StringMarshalling.Utf8)] private static partial IntPtr OpenDir(string path);
    [LibraryImport("libc", EntryPoint = "readdir64")] private static partial IntPtr ReadDir(IntPtr dir);
    [LibraryImport("libc", EntryPoint = "closedir")] private static partial int CloseDir(IntPtr dir);
    [LibraryImport("libc", EntryPoint = "dirfd")] private static partial int DirFd(IntPtr dir);
    [LibraryImport("libc", EntryPoint = "statx")] private static partial int Statx(int dirfd, byte* path, int flags, uint mask, byte* buf);

    public static int List(string dir, bool deep, ref long bytes)
    {
        var d = OpenDir(dir);
        if (d == IntPtr.Zero) return 0;
        var fd = DirFd(d);
        var n = 0;
        var buf = stackalloc byte[256];
        var subdirs = new List<string>();
        while (true)
        {
            var e = ReadDir(d);
            if (e == IntPtr.Zero) break;
            var p = (byte*)e;
            var type = p[18];
            var name = p + 19;
            var len = 0; while (name[len] != 0) len++;
            if (len == 1 && name[0] == '.' || len == 2 && name[0] == '.' && name[1] == '.') continue;
            var s = Encoding.UTF8.GetString(name, len);
            if (type == 4) { if (deep) subdirs.Add(dir + "/" + s); continue; }
            if (Statx(fd, name, 0x100, 0x200 | 0x40, buf) != 0) continue;
            bytes += *(long*)(buf + 40) + *(long*)(buf + 112); // stx_size + mtime sec
            var full = dir + "/" + s;
            n++;
        }
        _ = CloseDir(d);
        foreach (var sd in subdirs) n += List(sd, true, ref bytes);
        return n;
    }

    public static void Run(string home)
    {
        for (var round = 0; round < 3; round++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            long bytes = 0;
            var files = 0;
            foreach (var project in Directory.EnumerateDirectories(Path.Combine(home, ".claude", "projects")))
                files += List(project, false, ref bytes);
            files += List(Path.Combine(home, ".codex", "sessions"), true, ref bytes);
            files += List(Path.Combine(home, ".acpx", "sessions"), false, ref bytes);
            foreach (var slug in Directory.EnumerateDirectories(Path.Combine(home, ".gemini", "tmp")))
                files += List(Path.Combine(slug, "chats"), true, ref bytes);
            Console.WriteLine($"raw listing: {files} files, {sw.Elapsed.TotalMilliseconds:F1} ms, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F1} cpu-ms");
        }
    }
}
