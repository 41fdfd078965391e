using System.Text;

namespace SameSession.Surface.Docs;

/// <summary>
/// A deliberately small PowerShell lexer for documentation snippets: splits a code block into statements and each
/// statement into pipeline segments at top-level '|', honouring quotes, (), {}, [], '#' comments and line
/// continuation (trailing '|' or backtick, or a next line starting with '|').
/// </summary>
public static class PowerShellSplitter
{
    public static IEnumerable<(int Line, string Statement, IReadOnlyList<string> Segments)> Statements(string code)
    {
        var segments = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        char quote = '\0';
        var line = 0;
        var startLine = 0;
        var lines = code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

        IEnumerable<(int, string, IReadOnlyList<string>)> Flush()
        {
            segments.Add(current.ToString().Trim());
            current.Clear();
            var parts = segments.Where(s => s.Length > 0).ToList();
            segments = [];
            if (parts.Count > 0) yield return (startLine, string.Join(" | ", parts), parts);
        }

        for (line = 0; line < lines.Length; line++)
        {
            var text = lines[line];
            if (current.Length == 0 && segments.Count == 0) startLine = line;
            var continued = current.Length > 0 && quote == '\0';
            for (var i = continued ? text.Length - text.TrimStart().Length : 0; i < text.Length; i++)
            {
                var ch = text[i];
                if (quote != '\0')
                {
                    current.Append(ch);
                    if (ch == quote) quote = '\0';
                    continue;
                }
                switch (ch)
                {
                    case '\'' or '"':
                        quote = ch;
                        current.Append(ch);
                        break;
                    case '#' when i == 0 || char.IsWhiteSpace(text[i - 1]):
                        i = text.Length;
                        break;
                    case '(' or '{' or '[':
                        depth++;
                        current.Append(ch);
                        break;
                    case ')' or '}' or ']':
                        depth = Math.Max(0, depth - 1);
                        current.Append(ch);
                        break;
                    case '|' when depth == 0 && i + 1 < text.Length && text[i + 1] == '|':
                        current.Append("||");
                        i++;
                        break;
                    case '|' when depth == 0:
                        segments.Add(current.ToString().Trim());
                        current.Clear();
                        break;
                    case ';' when depth == 0:
                        foreach (var s in Flush()) yield return s;
                        startLine = line;
                        break;
                    default:
                        current.Append(ch);
                        break;
                }
            }
            var continues = quote != '\0' || depth > 0
                || current.ToString().TrimEnd().EndsWith('`')
                || (current.ToString().Trim().Length == 0 && segments.Count > 0)
                || (line + 1 < lines.Length && lines[line + 1].TrimStart().StartsWith('|'));
            if (continues)
            {
                var trimmed = current.ToString().TrimEnd().TrimEnd('`').TrimEnd();
                current.Clear().Append(trimmed);
                if (current.Length > 0) current.Append(' ');
                continue;
            }
            foreach (var s in Flush()) yield return s;
        }
        foreach (var s in Flush()) yield return s;
    }

    /// <summary>Whitespace-separated tokens at top level (quoted strings and bracketed groups stay whole).</summary>
    public static List<string> Tokens(string segment)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        char quote = '\0';
        foreach (var ch in segment)
        {
            if (quote != '\0')
            {
                current.Append(ch);
                if (ch == quote) quote = '\0';
                continue;
            }
            if (ch is '\'' or '"') quote = ch;
            if (ch is '(' or '{' or '[') depth++;
            if (ch is ')' or '}' or ']') depth = Math.Max(0, depth - 1);
            if (char.IsWhiteSpace(ch) && depth == 0)
            {
                if (current.Length > 0) tokens.Add(current.ToString());
                current.Clear();
                continue;
            }
            current.Append(ch);
        }
        if (current.Length > 0) tokens.Add(current.ToString());
        return tokens;
    }
}
