namespace SameSession.Core.Relocation;

/// <summary>One root-to-root rule of a <see cref="PathMap"/>: paths at or under Source move to the same place under Destination.</summary>
public sealed record PathMapping
{
    public PathMapping(string source, PathStyle sourceStyle, string destination, PathStyle destinationStyle)
    {
        Source = TrimRoot(source, sourceStyle);
        SourceStyle = sourceStyle;
        Destination = TrimRoot(destination, destinationStyle);
        DestinationStyle = destinationStyle;
        if (Source.Length == 0 || Destination.Length == 0)
            throw new ArgumentException("A path map needs a non-empty source and destination.");
    }

    public string Source { get; }
    public PathStyle SourceStyle { get; }
    public string Destination { get; }
    public PathStyle DestinationStyle { get; }

    public PathMapping Inverse() => new(Destination, DestinationStyle, Source, SourceStyle);

    /// <summary>The length of the source prefix <paramref name="path"/> starts with at a segment boundary, or -1.</summary>
    public int MatchLength(ReadOnlySpan<char> path)
    {
        if (!StartsWithRoot(path)) return -1;
        if (path.Length == Source.Length) return Source.Length;
        if (SourceStyle.IsSeparator(path[Source.Length])) return Source.Length;
        // A root such as "/" or "C:\" already ends with its separator.
        return SourceStyle.IsSeparator(Source[^1]) ? Source.Length : -1;
    }

    private bool StartsWithRoot(ReadOnlySpan<char> path)
    {
        if (SourceStyle != PathStyle.Windows) return path.StartsWith(Source, SourceStyle.Comparison());
        if (path.Length < Source.Length) return false;
        for (var i = 0; i < Source.Length; i++)
        {
            char a = path[i], b = Source[i];
            if (a == b || (SourceStyle.IsSeparator(a) && SourceStyle.IsSeparator(b))) continue;
            if (char.ToUpperInvariant(a) != char.ToUpperInvariant(b)) return false;
        }
        return true;
    }

    /// <summary>Rewrites the part after the matched prefix into the destination's separators.</summary>
    public string Apply(ReadOnlySpan<char> path, int matchLength)
    {
        var rest = path[matchLength..];
        if (rest.IsEmpty) return Destination;
        var sb = new System.Text.StringBuilder(Destination.Length + rest.Length + 1);
        sb.Append(Destination);
        var dsep = DestinationStyle.Separator();
        var restStartsWithSep = SourceStyle.IsSeparator(rest[0]);
        if (!restStartsWithSep && !DestinationStyle.IsSeparator(Destination[^1])) sb.Append(dsep);
        if (restStartsWithSep && DestinationStyle.IsSeparator(Destination[^1])) rest = rest[1..];
        foreach (var c in rest) sb.Append(SourceStyle.IsSeparator(c) ? dsep : c);
        return sb.ToString();
    }

    /// <summary>Removes trailing separators except where they are the root itself ("/", "C:\").</summary>
    internal static string TrimRoot(string root, PathStyle style)
    {
        var end = root.Length;
        while (end > 1 && style.IsSeparator(root[end - 1])) end--;
        if (style == PathStyle.Windows && end == 2 && root.Length > 2 && root[1] == ':') end = 3; // keep "C:\"
        var trimmed = root[..end];
        return style == PathStyle.Windows ? trimmed.Replace('/', '\\') : trimmed;
    }
}
