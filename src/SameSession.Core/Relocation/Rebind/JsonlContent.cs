using SameSession.Core.Relocation.Json;

namespace SameSession.Core.Relocation.Rebind;

/// <summary>Content producers for the journal: a JSONL file streamed through the rewriter at staging time.</summary>
public static class JsonlContent
{
    public static Action<Stream> Rewritten(string source, PathMap map, JsonRewriteRule rule, Func<ReadOnlyMemory<byte>, bool>? lineFilter = null) =>
        output => JsonlRewriter.RewriteFile(source, output, new JsonLineRewriter(map, rule), lineFilter);

    /// <summary>True when a JSONL file mentions <paramref name="needle"/> anywhere (a cheap pre-check before planning a rewrite).</summary>
    public static bool Mentions(string path, string needle)
    {
        if (!File.Exists(path)) return false;
        var bytes = System.Text.Encoding.UTF8.GetBytes(needle);
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        var buffer = new byte[(1 << 20) + bytes.Length];
        var carry = 0;
        int read;
        while ((read = fs.Read(buffer, carry, buffer.Length - carry)) > 0)
        {
            var len = carry + read;
            if (buffer.AsSpan(0, len).IndexOf(bytes) >= 0) return true;
            carry = Math.Min(bytes.Length - 1, len);
            Buffer.BlockCopy(buffer, len - carry, buffer, 0, carry);
        }
        return false;
    }
}
