using System.Buffers;
using System.Runtime.CompilerServices;

namespace SameSession.Core.Relocation.Json;

/// <summary>The rewriter for one line, or null to copy the line as it is.</summary>
public delegate JsonLineRewriter? RewriterFor(ReadOnlySpan<byte> line);

/// <summary>Streams a JSONL file through a <see cref="JsonLineRewriter"/>: unchanged lines are copied byte for byte.</summary>
public static class JsonlRewriter
{
    private const int ChunkSize = 1 << 20;

    /// <summary>Copies <paramref name="input"/> to <paramref name="output"/>, rewriting lines; returns how many lines changed.</summary>
    public static int Rewrite(Stream input, Stream output, JsonLineRewriter rewriter)
    {
        ArgumentNullException.ThrowIfNull(rewriter);
        return Rewrite(input, output, _ => rewriter);
    }

    /// <summary>As above, with the rewriter chosen per line (null: copy the line as it is).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one call per file: skip the slow first tier of its line loop
    public static int Rewrite(Stream input, Stream output, RewriterFor rewriterFor)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rewriterFor);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        using var writer = new StreamBufferWriter(output, ChunkSize);
        var changed = 0;
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length) buffer = Grow(buffer, filled);
                var read = input.Read(buffer, filled, buffer.Length - filled);
                var end = filled + read;
                var start = 0;
                while (true)
                {
                    var nl = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                    if (nl < 0) break;
                    changed += Line(buffer.AsSpan(start, nl + 1), writer, rewriterFor);
                    start += nl + 1;
                }
                if (read == 0)
                {
                    // The last line may lack its newline; keep it that way.
                    if (end > start) changed += Line(buffer.AsSpan(start, end - start), writer, rewriterFor);
                    writer.Flush();
                    return changed;
                }
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                filled = end - start;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static int RewriteFile(string sourcePath, Stream output, JsonLineRewriter rewriter)
    {
        using var input = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        return Rewrite(input, output, rewriter);
    }

    /// <summary>One line with its newline, if it has one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Line(ReadOnlySpan<byte> withNewline, StreamBufferWriter output, RewriterFor rewriterFor)
    {
        var terminated = withNewline[^1] == (byte)'\n';
        var line = terminated ? withNewline[..^1] : withNewline;
        if (rewriterFor(line) is { } rewriter && rewriter.TryRewrite(line, output))
        {
            if (terminated) output.Write("\n"u8);
            return 1;
        }
        output.Write(withNewline);
        return 0;
    }

    private static byte[] Grow(byte[] buffer, int used)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        Buffer.BlockCopy(buffer, 0, bigger, 0, used);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }
}
