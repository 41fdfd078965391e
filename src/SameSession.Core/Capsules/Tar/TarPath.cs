namespace SameSession.Core.Capsules.Tar;

/// <summary>
/// The only entry names a capsule may hold: relative, '/'-separated, made of plain segments that are valid file names
/// on Linux, macOS and Windows alike. Anything else (absolute, '..', backslashes, drive letters, control characters)
/// is refused before it can become a file-system path.
/// </summary>
public static class TarPath
{
    public const int MaxLength = 1024;
    private const int MaxSegmentLength = 255;

    private static readonly HashSet<string> WindowsDevices = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>Null when <paramref name="path"/> is acceptable, else why not.</summary>
    public static string? Problem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0) return "empty name";
        if (path.Length > MaxLength) return "name longer than 1024 characters";
        if (path[0] == '/') return "absolute path";
        if (path.Contains('\\', StringComparison.Ordinal)) return "backslash in name";
        if (path.Contains(':', StringComparison.Ordinal)) return "colon (drive letter or stream) in name";
        foreach (var c in path)
            if (char.IsControl(c) || c is '<' or '>' or '"' or '|' or '?' or '*') return "character not allowed in a file name";
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0) return "empty path segment";
            if (segment is "." or "..") return "'.' or '..' segment";
            if (segment.Length > MaxSegmentLength) return "path segment longer than 255 characters";
            if (segment.EndsWith('.') || segment.EndsWith(' ')) return "segment ending in '.' or space";
            if (WindowsDevices.Contains(segment.Split('.')[0])) return "a Windows device name (CON, NUL, COM1, …)";
        }
        return null;
    }

    public static bool IsValid(string path) => Problem(path) is null;

    /// <summary>Joins a validated entry name under <paramref name="root"/> and proves the result stays inside it.</summary>
    public static string Resolve(string root, string path)
    {
        if (Problem(path) is { } problem) throw CapsuleErrors.Corrupt(problem, path);
        var fullRoot = Path.GetFullPath(root);
        var full = Path.GetFullPath(Path.Combine(fullRoot, path.Replace('/', Path.DirectorySeparatorChar)));
        var prefix = Path.EndsInDirectorySeparator(fullRoot) ? fullRoot : fullRoot + Path.DirectorySeparatorChar;
        if (!full.StartsWith(prefix, StringComparison.Ordinal)) throw CapsuleErrors.Corrupt("name escapes the extraction folder", path);
        return full;
    }
}
