using System.IO.Enumeration;

namespace SameSession.Core.Infrastructure;

/// <summary>A directory entry as one listing saw it: files carry the size and modification time of their single stat.</summary>
internal sealed record ListedEntry(string Name, string FullPath, bool IsDirectory, long Size, DateTime LastWriteUtc);

/// <summary>Decides from a name alone (no stat) whether a file is wanted.</summary>
internal delegate bool FileNameFilter(ReadOnlySpan<char> name);

/// <summary>
/// Lists a directory in one pass: names and kinds come from the directory read itself, and each wanted file is stat'ed
/// exactly once (size and mtime together), so discovery never probes a path it has already seen.
/// </summary>
internal static class DirectoryListing
{
    private static readonly EnumerationOptions Flat = new() { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };
    private static readonly EnumerationOptions Deep = new() { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = true };

    /// <summary>Subdirectories (not stat'ed) and the files whose name passes <paramref name="wantFile"/> (all when null).</summary>
    public static List<ListedEntry> Read(string directory, FileNameFilter? wantFile = null) =>
        Enumerate(directory, wantFile, Flat, includeDirectories: true);

    /// <summary>Every file below <paramref name="directory"/> whose name passes <paramref name="wantFile"/>, with its size and mtime.</summary>
    public static List<ListedEntry> FilesBelow(string directory, FileNameFilter? wantFile = null) =>
        Enumerate(directory, wantFile, Deep, includeDirectories: false);

    private static List<ListedEntry> Enumerate(string directory, FileNameFilter? wantFile, EnumerationOptions options, bool includeDirectories) =>
        LinuxDirectoryListing.TryRead(directory, wantFile, options.RecurseSubdirectories, includeDirectories)
        ?? Managed(directory, wantFile, options.RecurseSubdirectories, includeDirectories);

    /// <summary>The runtime's enumeration: used where the Linux fast path does not answer, and the reference it is tested against.</summary>
    internal static List<ListedEntry> Managed(string directory, FileNameFilter? wantFile, bool recurse, bool includeDirectories)
    {
        var options = recurse ? Deep : Flat;
        var list = new List<ListedEntry>();
        var entries = new FileSystemEnumerable<ListedEntry>(directory, Describe, options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry e) =>
                e.IsDirectory ? includeDirectories : wantFile is null || wantFile(e.FileName),
        };
        foreach (var e in entries) list.Add(e);
        return list;
    }

    private static ListedEntry Describe(ref FileSystemEntry e)
    {
        // The path as given (like the Linux listing), not normalised: it is what sessions report and the cache keys on.
        var path = e.ToSpecifiedFullPath();
        if (e.IsDirectory) return new ListedEntry(e.FileName.ToString(), path, true, 0, default);
        if (!OperatingSystem.IsWindows()) return new ListedEntry(e.FileName.ToString(), path, false, e.Length, e.LastWriteTimeUtc.UtcDateTime);
        // NTFS updates a directory entry's size and time only when the writer closes the file, and agents keep their
        // transcripts open while they append: ask the file itself.
        var info = new FileInfo(path);
        return info.Exists
            ? new ListedEntry(e.FileName.ToString(), path, false, info.Length, info.LastWriteTimeUtc)
            : new ListedEntry(e.FileName.ToString(), path, false, e.Length, e.LastWriteTimeUtc.UtcDateTime);
    }
}
