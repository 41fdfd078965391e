using System.Text;
using System.Text.RegularExpressions;

namespace SameSession.Core.Sessions;

/// <summary>PowerShell-style wildcards (* and ?) for ids and paths; in paths they never cross a separator.</summary>
public sealed class Wildcard
{
    private readonly Regex _regex;

    private Wildcard(Regex regex) => _regex = regex;

    public static bool HasWildcards(string pattern) => pattern.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>A case-insensitive pattern for ids and free text.</summary>
    public static Wildcard ForText(string pattern) => new(Compile(pattern, ".", ignoreCase: true));

    /// <summary>A pattern over normalized paths: * and ? stay inside one path segment.</summary>
    public static Wildcard ForPath(string normalizedPattern, PathRules rules)
    {
        var notSep = rules.Alternate is null ? $"[^{Regex.Escape(rules.Separator.ToString())}]" : @"[^\\/]";
        return new(Compile(normalizedPattern, notSep, rules.IgnoreCase));
    }

    public bool IsMatch(string value) => _regex.IsMatch(value);

    private static Regex Compile(string pattern, string one, bool ignoreCase)
    {
        var sb = new StringBuilder("^");
        foreach (var c in pattern)
        {
            sb.Append(c switch
            {
                '*' => one + "*",
                '?' => one,
                _ => Regex.Escape(c.ToString()),
            });
        }
        sb.Append('$');
        var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        return new Regex(sb.ToString(), options, TimeSpan.FromSeconds(1));
    }
}
