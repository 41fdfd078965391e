using SameSession.Core.Relocation.Json;

namespace SameSession.Core.Relocation.Rebind;

/// <summary>Content producers for the journal: a JSONL file streamed through the rewriter at staging time.</summary>
public static class JsonlContent
{
    public static Action<Stream> Rewritten(string source, PathMap map, JsonRewriteRule rule) =>
        output => JsonlRewriter.RewriteFile(source, output, new JsonLineRewriter(map, rule));
}
