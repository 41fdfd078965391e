namespace SameSession.Core.Providers.Common;

/// <summary>Path comparisons the way the host file system compares names.</summary>
internal static class PathText
{
    public static StringComparer Comparer { get; } = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    public static StringComparison Comparison { get; } = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public static string Trim(string path) => path.Length > 1 ? Path.TrimEndingDirectorySeparator(path) : path;

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or lies beneath it.</summary>
    public static bool IsWithin(string path, string root)
    {
        var p = Trim(path);
        var r = Trim(root);
        if (p.Equals(r, Comparison)) return true;
        var withSep = r.EndsWith(Path.DirectorySeparatorChar) || r.EndsWith(Path.AltDirectorySeparatorChar) ? r : r + Path.DirectorySeparatorChar;
        return p.StartsWith(withSep, Comparison);
    }

    public static long SizeOf(string path)
    {
        try { return new FileInfo(path).Length; }
        catch (IOException) { return 0; }
        catch (UnauthorizedAccessException) { return 0; }
    }

    public static bool DirectoryGone(string? directory) => !string.IsNullOrEmpty(directory) && !Directory.Exists(directory);
}
