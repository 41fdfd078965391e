using System.Text;

namespace SameSession.Core.Policy;

/// <summary>
/// Splits a byte stream into lines (each with its newline) read as Latin-1, so every byte maps to one char and writing
/// the text back as Latin-1 reproduces the input exactly, whatever its encoding. A line longer than
/// <see cref="MaxSegment"/> is cut into several segments, at a quote, space or comma near the limit so a token is
/// not split; all segments of a line carry its line number.
/// </summary>
internal static class TextSegments
{
    public const int MaxSegment = 1024 * 1024;
    private const int SplitWindow = 8 * 1024;

    public static IEnumerable<(string Text, long Line)> Read(Stream input)
    {
        using var reader = new StreamReader(input, Encoding.Latin1, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
        var buffer = new char[64 * 1024];
        var current = new StringBuilder();
        long line = 1;
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            for (var i = 0; i < n; i++)
            {
                if (buffer[i] == '\n')
                {
                    current.Append(buffer, start, i + 1 - start);
                    start = i + 1;
                    yield return (current.ToString(), line++);
                    current.Clear();
                }
                else if (current.Length + (i - start) >= MaxSegment)
                {
                    current.Append(buffer, start, i - start);
                    start = i;
                    var cut = SafeCut(current);
                    yield return (current.ToString(0, cut), line);
                    current.Remove(0, cut);
                }
            }
            current.Append(buffer, start, n - start);
        }
        if (current.Length > 0) yield return (current.ToString(), line);
    }

    private static int SafeCut(StringBuilder text)
    {
        for (var i = text.Length - 1; i > text.Length - SplitWindow; i--)
            if (text[i] is '"' or ' ' or ',' or '\t' or '\'') return i + 1;
        return text.Length;
    }
}
