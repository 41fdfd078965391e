namespace SameSession.Core.Relocation;

/// <summary>How an operating system spells and compares paths.</summary>
public enum PathStyle
{
    /// <summary>'/' separators, case-sensitive.</summary>
    Linux,

    /// <summary>'/' separators, case-insensitive (the default APFS/HFS+ volume).</summary>
    MacOS,

    /// <summary>'\' separators ('/' also accepted when reading), drive letters or UNC, case-insensitive.</summary>
    Windows,
}

public static class PathStyles
{
    /// <summary>The style of the machine we run on.</summary>
    public static PathStyle Current =>
        OperatingSystem.IsWindows() ? PathStyle.Windows : OperatingSystem.IsMacOS() ? PathStyle.MacOS : PathStyle.Linux;

    /// <summary>
    /// Infers the style from the spelling: a drive letter or UNC prefix is Windows; a POSIX path is the current
    /// machine's POSIX style (macOS when running on macOS, else Linux), because "/Users/x" is a valid Linux path too.
    /// </summary>
    public static PathStyle Infer(string path)
    {
        if (IsWindowsRooted(path)) return PathStyle.Windows;
        return Current == PathStyle.MacOS ? PathStyle.MacOS : PathStyle.Linux;
    }

    public static bool IsWindowsRooted(string path) =>
        (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':') || path.StartsWith(@"\\", StringComparison.Ordinal);

    public static char Separator(this PathStyle style) => style == PathStyle.Windows ? '\\' : '/';

    public static bool IsSeparator(this PathStyle style, char c) => c == '/' || (style == PathStyle.Windows && c == '\\');

    public static bool IsCaseSensitive(this PathStyle style) => style == PathStyle.Linux;

    public static StringComparison Comparison(this PathStyle style) =>
        style.IsCaseSensitive() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
}
