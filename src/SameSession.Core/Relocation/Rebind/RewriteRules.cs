using SameSession.Core.Relocation.Json;

namespace SameSession.Core.Relocation.Rebind;

/// <summary>Helpers for provider rewrite rules.</summary>
public static class RewriteRules
{
    /// <summary>The last property name of a site path, without array markers ("a.b[].cwd" → "cwd", "x.roots[]" → "roots").</summary>
    public static string LastName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var end = path.Length;
        while (end >= 2 && path[end - 1] == ']' && path[end - 2] == '[') end -= 2;
        var dot = path.LastIndexOf('.', Math.Max(0, end - 1));
        return path[(dot + 1)..end];
    }

    /// <summary>Metadata-or-content: a path-named field is a path; anything else is text only with -RewriteContent.</summary>
    public static JsonStringRewrite PathOrContent(bool isPathField, bool content) =>
        isPathField ? JsonStringRewrite.Path : content ? JsonStringRewrite.Text : JsonStringRewrite.Keep;
}
