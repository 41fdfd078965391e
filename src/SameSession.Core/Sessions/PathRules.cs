namespace SameSession.Core.Sessions;

/// <summary>How paths compare on one OS: case (Windows and macOS ignore it) and separators (Windows accepts both).</summary>
public sealed class PathRules
{
    public static readonly PathRules Unix = new(ignoreCase: false, separator: '/', alternate: null);
    public static readonly PathRules MacOS = new(ignoreCase: true, separator: '/', alternate: null);
    public static readonly PathRules Windows = new(ignoreCase: true, separator: '\\', alternate: '/');

    private PathRules(bool ignoreCase, char separator, char? alternate)
    {
        IgnoreCase = ignoreCase;
        Separator = separator;
        Alternate = alternate;
    }

    public static PathRules Current { get; } =
        OperatingSystem.IsWindows() ? Windows : OperatingSystem.IsMacOS() ? MacOS : Unix;

    public bool IgnoreCase { get; }
    public char Separator { get; }
    public char? Alternate { get; }

    public StringComparison Comparison => IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public bool IsRooted(string path)
    {
        var p = Unify(path);
        if (p.StartsWith(Separator)) return true;
        return Alternate is not null && p.Length >= 2 && char.IsAsciiLetter(p[0]) && p[1] == ':';
    }

    /// <summary>Unifies separators, folds "." and ".." segments, drops repeated and trailing separators (keeps the root).</summary>
    public string Normalize(string path)
    {
        var p = Unify(path);
        var rooted = p.StartsWith(Separator);
        var unc = Alternate is not null && p.StartsWith($"{Separator}{Separator}", StringComparison.Ordinal);
        var parts = new List<string>();
        foreach (var part in p.Split(Separator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == ".." && parts.Count > 0 && parts[^1] != ".." && !IsDrive(parts[^1])) { parts.RemoveAt(parts.Count - 1); continue; }
            if (part == ".." && rooted) continue;
            parts.Add(part);
        }
        var joined = string.Join(Separator, parts);
        if (unc) return $"{Separator}{Separator}{joined}";
        if (rooted) return Separator + joined;
        if (parts.Count == 1 && IsDrive(parts[0])) return parts[0] + Separator;
        return joined;
    }

    public bool AreEqual(string a, string b) => string.Equals(Normalize(a), Normalize(b), Comparison);

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or lies below it.</summary>
    public bool IsSameOrUnder(string path, string root)
    {
        var p = Normalize(path);
        var r = Normalize(root);
        if (!p.StartsWith(r, Comparison)) return false;
        return p.Length == r.Length || r.EndsWith(Separator) || p[r.Length] == Separator;
    }

    /// <summary>The path itself, then each parent up to the root.</summary>
    public IEnumerable<string> SelfAndAncestors(string path)
    {
        var p = Normalize(path);
        while (p.Length > 0)
        {
            yield return p;
            var cut = p.TrimEnd(Separator).LastIndexOf(Separator);
            if (cut < 0) yield break;
            var parent = cut == 0 ? Separator.ToString() : p[..cut];
            if (parent.Length == 2 && parent[1] == ':') parent += Separator;
            if (parent == p) yield break;
            p = parent;
        }
    }

    private string Unify(string path) => Alternate is { } alt ? path.Replace(alt, Separator) : path;

    private bool IsDrive(string part) => Alternate is not null && part.Length == 2 && part[1] == ':' && char.IsAsciiLetter(part[0]);
}
