using SameSession.Core.Relocation.Json;

namespace SameSession.Core.Relocation.Rebind.Codex;

/// <summary>
/// Which strings of a Codex rollout carry the directory (formats doc §2.6): every cwd at any depth
/// (session_meta, turn_context, world_state, thread settings) and every *_roots list. With content rewriting,
/// every other string too, except reasoning items (encrypted or summarised thinking).
/// </summary>
internal static class CodexRewriteRules
{
    public static JsonRewriteRule Rollout(bool content) => site =>
    {
        if (site.IsPropertyName || site.TypeAt(1) == "reasoning" || site.IsInsideType("reasoning")) return JsonStringRewrite.Keep;
        var name = RewriteRules.LastName(site.Path);
        if (name == "encrypted_content") return JsonStringRewrite.Keep;
        var isPath = name == "cwd" || (name.EndsWith("_roots", StringComparison.Ordinal) && site.Path.EndsWith("[]", StringComparison.Ordinal));
        return RewriteRules.PathOrContent(isPath, content);
    };
}
