using System.Runtime.InteropServices;
using System.Text;

namespace SameSession.Core.Infrastructure;

/// <summary>
/// <see cref="DirectoryListing"/> on Linux without the runtime's per-entry lstat of the full path: readdir, then statx
/// relative to the open directory (the kernel resolves one name instead of the whole path again), about a third
/// cheaper per file. Returns null whenever it cannot answer exactly (not Linux, no statx in the C library, a folder
/// that does not open), and the caller uses the runtime's enumeration, which also reports the error.
/// </summary>
internal static unsafe partial class LinuxDirectoryListing
{
    private const byte TypeUnknown = 0;
    private const byte TypeDirectory = 4;
    private const byte TypeRegular = 8;
    private const int StatxBasicStats = 0x7ff;
    private const int ModeTypeMask = 0xF000;
    private const int ModeDirectory = 0x4000;
    private const int StatxSize = 256;
    private const int FollowLinks = 0;
    private const int NoFollow = 0x100; // AT_SYMLINK_NOFOLLOW

    // struct dirent (64-bit glibc and musl): d_ino 8, d_off 8, d_reclen 2, d_type 1, then d_name.
    private const int DirentType = 18;
    private const int DirentName = 19;

    // struct statx (the same on every architecture): stx_mode at 28, stx_size at 40, stx_mtime {tv_sec, tv_nsec} at 112.
    private const int StatxMode = 28;
    private const int StatxFileSize = 40;
    private const int StatxMtime = 112;

    private static volatile bool _unavailable = !OperatingSystem.IsLinux() || IntPtr.Size != 8;

    public static List<ListedEntry>? TryRead(string directory, FileNameFilter? wantFile, bool recurse, bool includeDirectories)
    {
        if (_unavailable) return null;
        try
        {
            var list = new List<ListedEntry>();
            var pending = new Queue<string>();
            pending.Enqueue(directory);
            while (pending.TryDequeue(out var dir))
            {
                if (!ReadOne(dir, wantFile, recurse ? pending : null, includeDirectories, list)) return null;
            }
            return list;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
            return null;
        }
    }

    private static bool ReadOne(string directory, FileNameFilter? wantFile, Queue<string>? subfolders, bool includeDirectories, List<ListedEntry> list)
    {
        var handle = OpenDir(directory);
        if (handle == IntPtr.Zero) return false;
        try
        {
            var fd = DirFd(handle);
            Span<byte> stat = stackalloc byte[StatxSize];
            Span<char> chars = stackalloc char[256];
            while (ReadDir(handle) is var entry && entry != IntPtr.Zero)
            {
                var raw = (byte*)entry;
                var nameBytes = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(raw + DirentName);
                if (nameBytes.SequenceEqual("."u8) || nameBytes.SequenceEqual(".."u8)) continue;
                var type = raw[DirentType];
                var isDirectory = type == TypeDirectory;
                // A symbolic link (or an unknown type) to a folder is a folder, as for the runtime's enumeration; a broken one is a file.
                if (type != TypeDirectory && type != TypeRegular)
                {
                    // An unknown type (filesystems without d_type) whose stat fails is not guessed: the runtime's listing decides.
                    if (Stat(fd, raw + DirentName, stat, FollowLinks)) isDirectory = IsDirectoryMode(stat);
                    else if (type == TypeUnknown && !Stat(fd, raw + DirentName, stat, NoFollow)) return false;
                    else if (type == TypeUnknown) isDirectory = IsDirectoryMode(stat);
                }
                if (isDirectory)
                {
                    var folder = Decode(nameBytes, chars);
                    if (includeDirectories) list.Add(new ListedEntry(folder, Path.Join(directory, folder), true, 0, default));
                    subfolders?.Enqueue(Path.Join(directory, folder));
                    continue;
                }
                // A file the caller does not want is judged on the decoded characters, before any string is made for it.
                string name;
                if (nameBytes.Length <= chars.Length && Encoding.UTF8.TryGetChars(nameBytes, chars, out var length))
                {
                    if (wantFile is not null && !wantFile(chars[..length])) continue;
                    name = new string(chars[..length]);
                }
                else
                {
                    name = Encoding.UTF8.GetString(nameBytes);
                    if (wantFile is not null && !wantFile(name)) continue;
                }
                // A file's own size and mtime (a link's, not its target's), as the runtime reports them.
                if (!Stat(fd, raw + DirentName, stat, NoFollow)) return false;
                list.Add(new ListedEntry(name, Path.Join(directory, name), false, BitConverter.ToInt64(stat[StatxFileSize..]), MtimeOf(stat)));
            }
            return true;
        }
        finally
        {
            _ = CloseDir(handle);
        }
    }

    private static string Decode(ReadOnlySpan<byte> utf8, Span<char> buffer) =>
        utf8.Length <= buffer.Length && Encoding.UTF8.TryGetChars(utf8, buffer, out var n) ? new string(buffer[..n]) : Encoding.UTF8.GetString(utf8);

    private static bool Stat(int directoryFd, byte* name, Span<byte> buffer, int flags)
    {
        fixed (byte* b = buffer) return Statx(directoryFd, name, flags, StatxBasicStats, b) == 0;
    }

    private static bool IsDirectoryMode(ReadOnlySpan<byte> stat) => (BitConverter.ToUInt16(stat[StatxMode..]) & ModeTypeMask) == ModeDirectory;

    private static DateTime MtimeOf(ReadOnlySpan<byte> stat) =>
        UtcFromUnix(BitConverter.ToInt64(stat[StatxMtime..]), BitConverter.ToUInt32(stat[(StatxMtime + 8)..]));

    /// <summary>A file time as UTC, clamped to DateTime's range: some filesystems (btrfs, XFS bigtime) store times
    /// past year 9999 or before year 1, which must not end a provider's discovery.</summary>
    internal static DateTime UtcFromUnix(long seconds, uint nanoseconds)
    {
        const long MaxSeconds = 253402300799, MinSeconds = -62135596800;
        if (seconds > MaxSeconds) return DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);
        if (seconds < MinSeconds) return DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
        return DateTime.UnixEpoch.AddTicks(Math.Clamp(seconds * TimeSpan.TicksPerSecond + nanoseconds / 100, DateTime.MinValue.Ticks - DateTime.UnixEpoch.Ticks, DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks));
    }

    [LibraryImport("libc", EntryPoint = "opendir", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr OpenDir(string path);

    [LibraryImport("libc", EntryPoint = "readdir")]
    private static partial IntPtr ReadDir(IntPtr dir);

    [LibraryImport("libc", EntryPoint = "dirfd")]
    private static partial int DirFd(IntPtr dir);

    [LibraryImport("libc", EntryPoint = "closedir")]
    private static partial int CloseDir(IntPtr dir);

    [LibraryImport("libc", EntryPoint = "statx")]
    private static partial int Statx(int dirfd, byte* path, int flags, int mask, byte* buffer);
}
