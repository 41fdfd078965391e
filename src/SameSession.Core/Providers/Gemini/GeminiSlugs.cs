namespace SameSession.Core.Providers.Gemini;

/// <summary>
/// The slug Gemini's ProjectRegistry gives a project path: the registered one; else a tmp/ folder whose
/// .project_root names the path; else the basename slugified (lower case, non-[a-z0-9] runs → '-', trimmed, or
/// "project") with -1, -2… until neither the registry nor another owner's marker holds it.
/// </summary>
internal static class GeminiSlugs
{
    /// <summary>The registry key Gemini uses for a path (lower-cased on Windows).</summary>
    public static string RegistryKey(string path) =>
#pragma warning disable CA1308 // Gemini lower-cases registry keys on Windows; upper case would not match its lookups.
        OperatingSystem.IsWindows() ? Path.GetFullPath(path).ToLowerInvariant() : Path.GetFullPath(path);
#pragma warning restore CA1308

    public static (string Slug, bool Registered, bool Claimed) For(string projectPath, IReadOnlyDictionary<string, string> registry, string tmp)
    {
        var key = RegistryKey(projectPath);
        if (registry.TryGetValue(key, out var slug)) return (slug, true, true);
        if (Directory.Exists(tmp))
            foreach (var dir in Directory.EnumerateDirectories(tmp))
                if (Owner(dir) == key) return (Path.GetFileName(dir), false, true);
        var taken = registry.Values.ToHashSet(StringComparer.Ordinal);
        var baseSlug = Slugify(Path.GetFileName(Path.TrimEndingDirectorySeparator(projectPath)));
        for (var n = 0; ; n++)
        {
            var candidate = n == 0 ? baseSlug : $"{baseSlug}-{n}";
            if (taken.Contains(candidate)) continue;
            var owner = Owner(Path.Combine(tmp, candidate));
            if (owner is null || owner == key) return (candidate, false, owner is not null);
        }
    }

    public static string Slugify(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length);
        foreach (var ch in name)
        {
            var c = char.ToLowerInvariant(ch);
            var keep = c is >= 'a' and <= 'z' or >= '0' and <= '9';
            if (keep) sb.Append(c);
            else if (sb.Length == 0 || sb[^1] != '-') sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? "project" : slug;
    }

    private static string? Owner(string slugDir)
    {
        var marker = Path.Combine(slugDir, GeminiProjectMap.Marker);
        try { return File.Exists(marker) ? RegistryKey(File.ReadAllText(marker).Trim()) : null; }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
