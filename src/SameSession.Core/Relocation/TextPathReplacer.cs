using System.Text;

namespace SameSession.Core.Relocation;

/// <summary>
/// Replaces mapped roots where they occur as whole paths inside free text ("cd /src/proj &amp;&amp; ls",
/// "&lt;cwd&gt;/src/proj&lt;/cwd&gt;"). A root counts only when it starts a path (not preceded by a path character)
/// and ends at a segment boundary; the rest of the path run is carried over with the destination's separators.
/// </summary>
public static class TextPathReplacer
{
    public static bool ContainsAnyRoot(PathMap map, string text) =>
        map.Mappings.Any(m => Spellings(m).Any(root => text.Contains(root, m.SourceStyle.Comparison())));

    /// <summary>Windows roots are also written with forward slashes ("C:/Users/me").</summary>
    private static string[] Spellings(PathMapping m) =>
        m.SourceStyle == PathStyle.Windows && m.Source.Contains('\\', StringComparison.Ordinal) ? [m.Source, m.Source.Replace('\\', '/')] : [m.Source];

    public static string Replace(PathMap map, string text)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? sb = null;
        var copied = 0;
        var i = 0;
        while (i < text.Length)
        {
            var (pos, mapping) = NextMatch(map, text, i);
            if (mapping is null) break;
            var runEnd = RunEnd(text, pos + mapping.Source.Length);
            sb ??= new StringBuilder(text.Length + 64);
            sb.Append(text, copied, pos - copied);
            sb.Append(mapping.Apply(text.AsSpan(pos, runEnd - pos), mapping.Source.Length));
            copied = i = runEnd;
        }
        if (sb is null) return text;
        sb.Append(text, copied, text.Length - copied);
        return sb.ToString();
    }

    private static (int Position, PathMapping? Mapping) NextMatch(PathMap map, string text, int from)
    {
        var best = -1;
        PathMapping? bestMapping = null;
        foreach (var m in map.Mappings) // longest first, so the first hit at a position is the longest
        foreach (var root in Spellings(m))
        {
            var start = from;
            while (start < text.Length)
            {
                var p = text.IndexOf(root, start, m.SourceStyle.Comparison());
                if (p < 0 || (best >= 0 && p >= best)) break;
                if (IsWholePathAt(text, p, m))
                {
                    best = p;
                    bestMapping = m;
                    break;
                }
                start = p + 1;
            }
        }
        return (best, bestMapping);
    }

    private static bool IsWholePathAt(string text, int pos, PathMapping m)
    {
        if (pos > 0 && IsPathChar(text[pos - 1])) return false;
        var end = pos + m.Source.Length;
        if (end == text.Length || m.SourceStyle.IsSeparator(m.Source[^1])) return true;
        var next = text[end];
        if (m.SourceStyle.IsSeparator(next)) return true;
        if (next == '.') return end + 1 == text.Length || !IsSegmentChar(text[end + 1]);
        return !IsSegmentChar(next);
    }

    /// <summary>Where a path that starts before <paramref name="from"/> stops: at whitespace, quotes or markup.</summary>
    private static int RunEnd(string text, int from)
    {
        var i = from;
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && "\"'`<>|;,()[]{}".IndexOf(text[i], StringComparison.Ordinal) < 0) i++;
        // Sentence punctuation after a path is not part of it.
        while (i > from && text[i - 1] is '.' or ':' or '!' or '?') i--;
        return i;
    }

    private static bool IsSegmentChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '~' or '+' or '@';

    private static bool IsPathChar(char c) => IsSegmentChar(c) || c is '.' or '/' or '\\' or ':';
}
