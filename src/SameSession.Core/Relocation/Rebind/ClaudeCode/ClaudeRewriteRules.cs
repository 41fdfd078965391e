using SameSession.Core.Relocation.Json;

namespace SameSession.Core.Relocation.Rebind.ClaudeCode;

/// <summary>
/// Which strings of a Claude transcript carry the directory (formats doc §1.8): every cwd-like field at any depth,
/// attachment paths, file-history keys, persisted tool-output paths. With content rewriting, every other string
/// too, except thinking blocks (their signature covers the text).
/// </summary>
public static class ClaudeRewriteRules
{
    private static readonly HashSet<string> PathFields = new(StringComparer.Ordinal)
    {
        "cwd", "workingDirectory", "originalCwd", "worktreePath", "persistedOutputPath",
    };

    public static JsonRewriteRule Transcript(bool content) => site =>
    {
        if (site.IsInsideType("thinking") || site.IsInsideType("redacted_thinking")) return JsonStringRewrite.Keep;
        if (site.IsPropertyName)
            return site.Path.EndsWith("trackedFileBackups", StringComparison.Ordinal) ? JsonStringRewrite.Path : JsonStringRewrite.Keep;
        if (RewriteRules.LastName(site.Path) == "signature") return JsonStringRewrite.Keep;
        var isPath = PathFields.Contains(RewriteRules.LastName(site.Path)) || site.Path.StartsWith("attachment.", StringComparison.Ordinal);
        return RewriteRules.PathOrContent(isPath, content);
    };

    /// <summary>history.jsonl: only the project field (the prompt text is the user's own words).</summary>
    public static JsonRewriteRule History { get; } = site =>
        !site.IsPropertyName && site.Path == "project" ? JsonStringRewrite.Path : JsonStringRewrite.Keep;
}
