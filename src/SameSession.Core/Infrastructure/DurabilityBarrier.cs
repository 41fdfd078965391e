using System.Runtime.InteropServices;

namespace SameSession.Core.Infrastructure;

/// <summary>
/// One durability point for many files written without their own fsync. On Linux a single <c>syncfs</c> per
/// filesystem involved (it writes back and flushes everything dirty there, so its cost is one barrier however many
/// files); elsewhere every noted file and directory is fsynced (FlushFileBuffers / F_FULLFSYNC), slower but as safe.
/// </summary>
public sealed partial class DurabilityBarrier
{
    private readonly HashSet<string> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal);

    public void AddFile(string path)
    {
        _files.Add(path);
        AddDirectory(Path.GetDirectoryName(path) ?? ".");
    }

    public void AddDirectory(string directory) => _directories.Add(directory);

    /// <summary>
    /// Linux: starts writing a finished file to disk without waiting, so the disk works while the next files are
    /// produced and the barrier has less left to wait for. Durability still comes only from <see cref="Flush"/>.
    /// </summary>
    public static void StartWriteBack(FileStream written)
    {
        ArgumentNullException.ThrowIfNull(written);
        if (!OperatingSystem.IsLinux()) return;
        written.Flush();
        _ = SyncFileRange((int)written.SafeFileHandle.DangerousGetHandle(), 0, 0, 2 /* SYNC_FILE_RANGE_WRITE */);
    }

    /// <summary>Makes everything noted since the last flush durable; throws when the system reports a write-back error.</summary>
    public void Flush()
    {
        if (OperatingSystem.IsLinux()) SyncFileSystems();
        else
        {
            foreach (var f in _files.Where(File.Exists)) Durability.SyncFile(f);
            foreach (var d in _directories) Durability.SyncDirectory(d);
        }
        _files.Clear();
        _directories.Clear();
    }

    private void SyncFileSystems()
    {
        var mounts = MountPoints();
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in _directories)
        {
            var existing = d;
            while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } up) existing = up;
            var real = RealPath(existing) ?? existing;
            // Directories on one filesystem need one syncfs; unknown mounts count as their own filesystem.
            var mount = mounts.Where(m => real == m || real.StartsWith(m.EndsWith('/') ? m : m + "/", StringComparison.Ordinal)).MaxBy(m => m.Length) ?? real;
            if (!done.Add(mount)) continue;
            var fd = Open(real, 0 /* O_RDONLY */);
            if (fd < 0) throw new IOException($"Cannot open {real} to flush it to disk (errno {Marshal.GetLastPInvokeError()}).");
            try
            {
                if (SyncFs(fd) != 0) throw new IOException($"Flushing the filesystem of {real} to disk failed (errno {Marshal.GetLastPInvokeError()}).");
            }
            finally { _ = Close(fd); }
        }
    }

    /// <summary>Mount points from /proc/self/mountinfo (field 5, octal escapes decoded); empty when unreadable.</summary>
    private static List<string> MountPoints()
    {
        try
        {
            return File.ReadLines("/proc/self/mountinfo").Select(l => l.Split(' ')).Where(f => f.Length > 4).Select(f => Unescape(f[4])).ToList();
        }
        catch (IOException) { return []; }
        catch (UnauthorizedAccessException) { return []; }
    }

    private static string Unescape(string s) => s.Contains('\\', StringComparison.Ordinal)
        ? System.Text.RegularExpressions.Regex.Replace(s, @"\\([0-7]{3})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString())
        : s;

    private static string? RealPath(string path)
    {
        var p = RealPathNative(path, 0);
        if (p == 0) return null;
        try { return Marshal.PtrToStringUTF8(p); }
        finally { Free(p); }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static partial int SyncFs(int fd);

    [LibraryImport("libc", EntryPoint = "sync_file_range")]
    private static partial int SyncFileRange(int fd, long offset, long count, uint flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint RealPathNative(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(nint p);
}
