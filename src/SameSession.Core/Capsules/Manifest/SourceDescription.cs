namespace SameSession.Core.Capsules.Manifest;

/// <summary>Builds the manifest's source block for a session on this machine.</summary>
public static class SourceDescription
{
    public static string CurrentOs =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "macos" : OperatingSystem.IsWindows() ? "windows" : "other";

    public static SourceInfo ForThisMachine(string cwd, string home, string? providerHome = null) => new()
    {
        Cwd = cwd,
        Home = home,
        ProviderHome = providerHome,
        CwdRelativeToHome = RelativeToHome(cwd, home, OperatingSystem.IsWindows()),
        Os = CurrentOs,
        PathFlavor = OperatingSystem.IsWindows() ? "windows" : "posix",
    };

    /// <summary>'/'-separated cwd below home ("" for home itself), or null when cwd is elsewhere.</summary>
    public static string? RelativeToHome(string cwd, string home, bool windows)
    {
        ArgumentNullException.ThrowIfNull(cwd);
        ArgumentNullException.ThrowIfNull(home);
        var comparison = windows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        char[] seps = windows ? ['\\', '/'] : ['/'];
        var h = home.TrimEnd(seps);
        var c = cwd.TrimEnd(seps);
        if (string.Equals(c, h, comparison)) return "";
        if (c.Length <= h.Length || !c.StartsWith(h, comparison) || !seps.Contains(c[h.Length])) return null;
        var rest = c[(h.Length + 1)..];
        return windows ? rest.Replace('\\', '/') : rest;
    }
}
