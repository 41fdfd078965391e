using System.Text;
using SameSession.Core.Relocation;
using SameSession.Core.Relocation.Json;

namespace SameSession.Core.Porting;

/// <summary>Journal content producers that read a staged capsule file: JSONL rebound through the path map, or raw bytes; with a fork, the id replaced too.</summary>
public static class StagedContent
{
    public static Action<Stream> Jsonl(string staged, PathMap map, JsonRewriteRule rule, InstallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Forked) return output => JsonlRewriter.RewriteFile(staged, output, new JsonLineRewriter(map, rule));
        return output =>
        {
            using var buffer = new MemoryStream();
            JsonlRewriter.RewriteFile(staged, buffer, new JsonLineRewriter(map, rule));
            WriteReplaced(buffer.ToArray(), context, output);
        };
    }

    public static Action<Stream> Copy(string staged, InstallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Forked)
            return output =>
            {
                using var input = File.OpenRead(staged);
                input.CopyTo(output);
            };
        return output => WriteReplaced(File.ReadAllBytes(staged), context, output);
    }

    /// <summary>The bytes with every occurrence of the source id replaced by the installed id (ids are unique tokens: a UUID or ses_…).</summary>
    private static void WriteReplaced(byte[] bytes, InstallContext context, Stream output)
    {
        var from = Encoding.UTF8.GetBytes(context.SourceId);
        var to = Encoding.UTF8.GetBytes(context.Id);
        var span = bytes.AsSpan();
        int at;
        while ((at = span.IndexOf(from)) >= 0)
        {
            output.Write(span[..at]);
            output.Write(to);
            span = span[(at + from.Length)..];
        }
        output.Write(span);
    }
}
