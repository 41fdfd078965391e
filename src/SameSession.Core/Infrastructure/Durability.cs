using System.Runtime.InteropServices;

namespace SameSession.Core.Infrastructure;

/// <summary>Forces data and directory entries to disk, so a crash right after a rename cannot lose it.</summary>
public static partial class Durability
{
    /// <summary>Writes a whole file and fsyncs it.</summary>
    public static void WriteFileDurably(string path, ReadOnlySpan<byte> content)
    {
        using var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        fs.Write(content);
        fs.Flush(flushToDisk: true);
    }

    /// <summary>Fsyncs a file that is already written.</summary>
    public static void SyncFile(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        fs.Flush(flushToDisk: true);
    }

    /// <summary>Fsyncs a directory so renames and creations inside it survive a power loss (a no-op on Windows).</summary>
    public static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(directory)) return;
        var fd = Open(directory, 0 /* O_RDONLY */);
        if (fd < 0) return;
        try { _ = Fsync(fd); }
        finally { _ = Close(fd); }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
